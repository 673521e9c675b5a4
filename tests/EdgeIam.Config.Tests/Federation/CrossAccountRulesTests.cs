using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Federation;

public sealed class CrossAccountRulesTests
{
    [Fact]
    public void CrossAccountRoleIsParsedWithItsGuards()
    {
        var stack = StackFiles.Valid(FederationYaml.CrossAccount("""
                trustedPrincipals: ["arn:aws:iam::222222222222:role/ops/OnCall"]
                externalId: ops_breakglass=1,2.3@x:y/z-+
                requireMfa: true
                requireOrgId: o-a1b2c3d4e5
                allowSessionTags: true
                maxSessionDuration: 2h
            """));

        var role = Assert.Single(stack.CrossAccount);
        Assert.Equal("Audit", role.Name);
        Assert.Equal("crossAccount[0]", role.KeyPath);
        Assert.Equal(["arn:aws:iam::222222222222:role/ops/OnCall"], role.TrustedPrincipals);
        Assert.Empty(role.TrustedAccounts);
        Assert.True(role.RequireMfa);
        Assert.Equal("o-a1b2c3d4e5", role.RequireOrgId);
        Assert.True(role.AllowSessionTags);
        Assert.False(role.AllowSourceIdentity);
        Assert.Equal(7200, role.Access.MaxSessionDurationSeconds);
    }

    [Fact]
    public void CrossAccountTrustRequiresExternalId()
    {
        var error = StackFiles.SingleError(FederationYaml.CrossAccount("""
                trustedAccounts: ["222222222222"]
            """));

        Assert.Equal("crossAccount[0].externalId", error.KeyPath);
        Assert.Contains("required", error.Message, StringComparison.Ordinal);
        Assert.Contains("confused deputy", error.Fix, StringComparison.Ordinal);
        Assert.Equal(4, error.Line);
    }

    [Theory]
    [InlineData("x", "1 character(s); STS accepts 2 to 1224")]
    [InlineData("has spaces in it", "' ' (space)")]
    [InlineData("semi;colon", "';'")]
    [InlineData("\"\"", "is required")]
    public void ExternalIdFollowsStsRules(string externalId, string message)
    {
        var error = StackFiles.SingleError(FederationYaml.CrossAccount($"""
                trustedAccounts: ["222222222222"]
                externalId: {externalId}
            """));

        Assert.Equal("crossAccount[0].externalId", error.KeyPath);
        Assert.Contains(message.Replace("is required", "", StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalIdIsAtMost1224Characters()
    {
        StackFiles.Valid(FederationYaml.CrossAccount($"""
                trustedAccounts: ["222222222222"]
                externalId: {new string('a', 1224)}
            """));

        var error = StackFiles.SingleError(FederationYaml.CrossAccount($"""
                trustedAccounts: ["222222222222"]
                externalId: {new string('a', 1225)}
            """));
        Assert.Contains("1225 character(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalIdOfTwoCharactersIsAccepted()
    {
        var stack = StackFiles.Valid(FederationYaml.CrossAccount("""
                trustedAccounts: ["222222222222"]
                externalId: ab
            """));

        Assert.Equal("ab", stack.CrossAccount[0].ExternalId);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("2222222222222")]
    [InlineData("22222222222a")]
    public void TrustedAccountIsTwelveDigits(string account)
    {
        var error = StackFiles.SingleError(FederationYaml.CrossAccount($"""
                trustedAccounts: ["{account}"]
                externalId: abc-123
            """));

        Assert.Equal("crossAccount[0].trustedAccounts[0]", error.KeyPath);
        Assert.Contains("12-digit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustingTheStacksOwnAccountIsRefused()
    {
        var error = StackFiles.SingleError(FederationYaml.CrossAccount("""
                trustedAccounts: ["222222222222", "111111111111"]
                externalId: abc-123
            """));

        Assert.Equal("crossAccount[0].trustedAccounts[1]", error.KeyPath);
        Assert.Contains("this stack's own account", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustingARoleOfTheStacksOwnAccountIsRefused()
    {
        var error = StackFiles.SingleError(FederationYaml.CrossAccount("""
                trustedPrincipals: ["arn:aws:iam::111111111111:role/Local"]
                externalId: abc-123
            """));

        Assert.Equal("crossAccount[0].trustedPrincipals[0]", error.KeyPath);
        Assert.Contains("own account", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::222222222222:root", "trusts a whole account")]
    [InlineData("arn:aws:iam::222222222222:user/alice", "is not an IAM role ARN")]
    [InlineData("arn:aws:iam::222222222222:role/*", "is not an IAM role ARN")]
    [InlineData("arn:aws-cn:iam::222222222222:role/Auditor", "partition 'aws-cn'")]
    public void TrustedPrincipalsAreRoleArns(string arn, string message)
    {
        var error = StackFiles.SingleError(FederationYaml.CrossAccount($"""
                trustedPrincipals: ["{arn}"]
                externalId: abc-123
            """));

        Assert.Equal("crossAccount[0].trustedPrincipals[0]", error.KeyPath);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrossAccountRoleNeedsCallers()
    {
        var error = StackFiles.SingleError(FederationYaml.CrossAccount("""
                externalId: abc-123
            """));

        Assert.Equal("crossAccount[0].trustedPrincipals", error.KeyPath);
        Assert.Contains("required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrossAccountRoleTrustsAccountsOrPrincipalsNotBoth()
    {
        var error = StackFiles.SingleError(FederationYaml.CrossAccount("""
                trustedAccounts: ["222222222222"]
                trustedPrincipals: ["arn:aws:iam::333333333333:role/Auditor"]
                externalId: abc-123
            """));

        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustedAccountsAreListedOnce()
    {
        var error = StackFiles.SingleError(FederationYaml.CrossAccount("""
                trustedAccounts: ["222222222222", "222222222222"]
                externalId: abc-123
            """));

        Assert.Contains("listed twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredOrgIdIsAnOrganizationsId()
    {
        var error = StackFiles.SingleError(FederationYaml.CrossAccount("""
                trustedAccounts: ["222222222222"]
                externalId: abc-123
                requireOrgId: r-a1b2
            """));

        Assert.Equal("crossAccount[0].requireOrgId", error.KeyPath);
    }

    [Fact]
    public void RequireMfaIsABoolean()
    {
        var error = StackFiles.SingleError(FederationYaml.CrossAccount("""
                trustedAccounts: ["222222222222"]
                externalId: abc-123
                requireMfa: sometimes
            """));

        Assert.Equal("crossAccount[0].requireMfa", error.KeyPath);
    }

    [Fact]
    public void CrossAccountSessionIsAtMostTwelveHours()
    {
        StackFiles.Valid(FederationYaml.CrossAccount("""
                trustedAccounts: ["222222222222"]
                externalId: abc-123
                maxSessionDuration: 43200
            """));

        var error = StackFiles.SingleError(FederationYaml.CrossAccount("""
                trustedAccounts: ["222222222222"]
                externalId: abc-123
                maxSessionDuration: 3599
            """));
        Assert.Equal("crossAccount[0].maxSessionDuration", error.KeyPath);
    }
}
