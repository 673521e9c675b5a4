using System.Globalization;
using EdgeIam.Infrastructure.Tests.Support;

namespace EdgeIam.Infrastructure.Tests.Federation;

public sealed class TrustPolicySizeRulesTests
{
    [Fact]
    public void TrustPolicyOverTheQuotaFailsSynthNamingRoleAndSize()
    {
        var subjects = string.Join(", ", Enumerable.Range(0, 40).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"\"repo:acme/edge-service-with-a-long-name-{i:D2}:ref:refs/heads/main\"")));
        var config = AdHocStack.Load($"""
            account: "111111111111"
            region: us-east-1
            oidc:
              providers:
                - name: github
                  preset: github
              roles:
                - name: TooManySubjects
                  provider: github
                  subjects: [{subjects}]
            """);

        var error = Assert.Throws<StackInputException>(() => EdgeIamApp.Create([config], Path.Combine(Path.GetTempPath(), "edgeiam-tests-size")));

        Assert.Equal("oidc.roles[0]", error.KeyPath);
        Assert.Matches(@"role 'TooManySubjects' is about \d{4} characters, over IAM's 2048-character quota", error.Problem);
        Assert.Contains("split the subjects", error.Fix, StringComparison.Ordinal);
    }
}
