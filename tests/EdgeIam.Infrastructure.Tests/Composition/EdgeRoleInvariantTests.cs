using EdgeIam.Infrastructure.Tests.Support;

namespace EdgeIam.Infrastructure.Tests.Composition;

/// <summary>
/// A construct only asserts what the loader already guarantees: given a config the loader would have refused (built
/// by hand, past the loader), it fails as a bug, not as a user error.
/// </summary>
public sealed class EdgeRoleInvariantTests
{
    [Fact]
    public void AnOverLongRoleNameThatSkippedTheLoaderIsABugNotAStackInputError()
    {
        var loaded = AdHocStack.Load("""
            account: "111111111111"
            region: us-east-1
            crossAccount:
              - name: PartnerAudit
                trustedAccounts: ["222222222222"]
                externalId: partner-audit-9f2c
            """);
        var pastTheLoader = loaded with { Name = new string('s', 60) };

        var error = Assert.Throws<InvalidOperationException>(() => EdgeIamApp.Create([pastTheLoader], null));

        Assert.Contains("(crossAccount[0]) is 81 characters, over IAM's 64: the loader should have refused this", error.Message, StringComparison.Ordinal);
    }
}
