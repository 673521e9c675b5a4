using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Iam;

/// <summary>Rules of the keys every role shares (permissions, managedPolicies, maxSessionDuration).</summary>
public sealed class RoleAccessRulesTests
{
    private static string Role(string access) => StackFiles.Minimal + $"""
        crossAccount:
          - name: Partner
            trustedAccounts: ["222222222222"]
            externalId: partner-9f2c
        {access}
        """;

    [Theory]
    [InlineData("AdministratorAccess", "AdministratorAccess")]
    [InlineData("administratoraccess", "AdministratorAccess")]
    [InlineData("PowerUserAccess", "PowerUserAccess")]
    [InlineData("arn:aws:iam::aws:policy/IAMFullAccess", "IAMFullAccess")]
    public void AdministratorLevelManagedPoliciesAreRefusedWhateverTheirCase(string entry, string named)
    {
        var error = StackFiles.SingleError(Role($"    managedPolicies: [{entry}]"));
        Assert.Equal("crossAccount[0].managedPolicies", error.KeyPath);
        Assert.Equal($"{named} gives an edge credential administrator-level control of the account", error.Message);
    }

    [Fact]
    public void AtMostTenManagedPoliciesPerRole()
    {
        var policies = string.Join(", ", Enumerable.Range(0, 11).Select(i => $"arn:aws:iam::111111111111:policy/P{i}"));
        var error = StackFiles.SingleError(Role($"    managedPolicies: [{policies}]"));
        Assert.Equal("11 managed policies exceed the IAM quota of 10 per role; this is policy 11", error.Message);
        Assert.Equal("crossAccount[0].managedPolicies", error.KeyPath);
        Assert.Equal((7, 23 + (10 * 37)), (error.Line, error.Column));
    }

    [Fact]
    public void WildcardWritePermissionsNeedAJustification()
    {
        var error = StackFiles.SingleError(Role("""
                permissions:
                  - actions: ["s3:*"]
                    resources: ["arn:aws:s3:::bucket/*"]
            """));
        Assert.Equal("crossAccount[0].permissions[0].actions", error.KeyPath);
        Assert.Contains("grant more than a reviewer can see", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOnlyActionsOnAnyResourceNeedNoJustification()
    {
        var stack = StackFiles.Valid(Role("""
                permissions:
                  - actions: [ec2:DescribeInstances]
                    resources: ["*"]
            """));
        Assert.Single(Assert.Single(stack.CrossAccount).Access.Permissions);
    }

    [Fact]
    public void MaxSessionDurationStaysWithinIamLimits()
    {
        var error = StackFiles.SingleError(Role("    maxSessionDuration: 13h"));
        Assert.Equal("crossAccount[0].maxSessionDuration", error.KeyPath);
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }
}
