using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Rules;

/// <summary>
/// Web-identity trust case lists (EIAM-WEBID-001/002/004): which conditions pin the audience and the subject of a
/// GitHub OIDC token, per issuer the statement names.
/// </summary>
public sealed class WebIdentityCaseTests
{
    private const string Issuer = "token.actions.githubusercontent.com";
    private const string GitHub = """{"Federated":"arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"}""";
    private const string Aud = "\"token.actions.githubusercontent.com:aud\"";
    private const string Sub = "\"token.actions.githubusercontent.com:sub\"";
    private const string StatementPath = "$.Resources.R.Properties.AssumeRolePolicyDocument.Statement[0]";

    /// <summary>A trust statement; <c>@aud</c> and <c>@sub</c> in the condition stand for the GitHub claim keys.</summary>
    private static string WebIdentity(string condition, string principal = GitHub, string action = "\"sts:AssumeRoleWithWebIdentity\"", string effect = "Allow") =>
        $$"""{"Effect":"{{effect}}","Action":{{action}},"Principal":{{principal}},"Condition":{{condition.Replace("@aud", Aud, StringComparison.Ordinal).Replace("@sub", Sub, StringComparison.Ordinal)}}}""";

    [Theory]
    [InlineData("""{"StringEquals":{@aud:"sts.amazonaws.com",@sub:"repo:acme/app:ref:refs/heads/main"}}""")]
    [InlineData("""{"StringEquals":{@aud:["sts.amazonaws.com","app-client"]},"StringLike":{@sub:"repo:acme/app:*"}}""")]
    [InlineData("""{"StringEquals":{"TOKEN.actions.githubusercontent.com:AUD":"sts.amazonaws.com"},"StringLike":{@sub:"repo:acme/app:*"}}""")]
    [InlineData("""{"StringEquals":{@aud:"sts.amazonaws.com"},"StringLike":{@aud:"sts.*",@sub:"repo:acme/app:*"}}""")]
    public void Audience_pinned_by_StringEquals_on_exact_values_passes(string condition) =>
        Assert.Empty(new WebIdentityAudienceRule().Check(RoleTemplates.Trust(WebIdentity(condition))));

    [Theory]
    [InlineData("""{"StringEquals":{@aud:"*"}}""")]
    [InlineData("""{"StringEquals":{@aud:"sts.*"}}""")]
    [InlineData("""{"StringEquals":{@aud:"sts.amazonaws.co?"}}""")]
    [InlineData("""{"StringEquals":{@aud:["sts.amazonaws.com","*"]}}""")]
    [InlineData("""{"StringLike":{@aud:"sts.amazonaws.com"}}""")]
    [InlineData("""{"StringEqualsIfExists":{@aud:"sts.amazonaws.com"}}""")]
    [InlineData("""{"ForAnyValue:StringEquals":{@aud:"sts.amazonaws.com"}}""")]
    [InlineData("""{"ForAllValues:StringEquals":{@aud:"sts.amazonaws.com"}}""")]
    [InlineData("""{"StringNotEquals":{@aud:"other-client"}}""")]
    public void Audience_tested_but_not_pinned_is_flagged(string condition)
    {
        var finding = Assert.Single(new WebIdentityAudienceRule().Check(RoleTemplates.Trust(WebIdentity(condition))));

        Assert.Equal(StatementPath, finding.JsonPath);
        Assert.Equal($"Statement[0] trusts web identities from {Issuer} with \"{Issuer}:aud\" is tested, but not with a plain StringEquals on exact values.", finding.Message);
    }

    [Theory]
    [InlineData("""{"StringEquals":{@sub:"repo:acme/app:ref:refs/heads/main"}}""")]
    [InlineData("""{"StringEquals":{"other.example.com:aud":"sts.amazonaws.com"}}""")]
    public void Audience_not_tested_is_flagged(string condition)
    {
        var finding = Assert.Single(new WebIdentityAudienceRule().Check(RoleTemplates.Trust(WebIdentity(condition))));

        Assert.Equal($"Statement[0] trusts web identities from {Issuer} with no condition on \"{Issuer}:aud\".", finding.Message);
    }

    [Theory]
    // The OIDC principal alone makes it web identity, whatever the action says.
    [InlineData(GitHub, "\"sts:AssumeRole\"", Issuer)]
    [InlineData(GitHub, "\"sts:*\"", Issuer)]
    // A Federated principal that names no OIDC issuer, with an action that lets web identities in.
    [InlineData("""{"Federated":"arn:aws:iam::111111111111:saml-provider/Corp"}""", "\"sts:AssumeRoleWithWebIdentity\"", "<issuer>")]
    [InlineData("""{"Federated":"arn:aws:iam::111111111111:saml-provider/Corp"}""", "\"sts:*\"", "<issuer>")]
    public void Web_identity_statement_is_recognised_by_principal_or_action(string principal, string action, string issuer)
    {
        var finding = Assert.Single(new WebIdentityAudienceRule().Check(RoleTemplates.Trust(WebIdentity("{}", principal, action))));

        Assert.Equal($"Statement[0] trusts web identities from {issuer} with no condition on \"{issuer}:aud\".", finding.Message);
    }

    [Theory]
    [InlineData("""{"Federated":"arn:aws:iam::111111111111:saml-provider/Corp"}""", "\"sts:AssumeRoleWithSAML\"", "Allow")]
    [InlineData("""{"Service":"ec2.amazonaws.com"}""", "\"sts:AssumeRoleWithWebIdentity\"", "Allow")]
    [InlineData(GitHub, "\"sts:AssumeRoleWithWebIdentity\"", "Deny")]
    public void Statement_that_lets_no_web_identity_in_is_not_judged(string principal, string action, string effect)
    {
        var stack = RoleTemplates.Trust(WebIdentity("{}", principal, action, effect));

        Assert.Empty(new WebIdentityAudienceRule().Check(stack));
        Assert.Empty(new WebIdentitySubjectRule().Check(stack));
    }

    [Fact]
    public void Each_issuer_needs_its_own_audience()
    {
        const string TwoIssuers = """{"Federated":["arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com","arn:aws:iam::111111111111:oidc-provider/gitlab.example.com"]}""";
        var stack = RoleTemplates.Trust(WebIdentity("""{"StringEquals":{@aud:"sts.amazonaws.com",@sub:"repo:acme/app:ref:refs/heads/main"}}""", TwoIssuers));

        var aud = Assert.Single(new WebIdentityAudienceRule().Check(stack));
        Assert.Equal("Statement[0] trusts web identities from gitlab.example.com with no condition on \"gitlab.example.com:aud\".", aud.Message);
        var sub = Assert.Single(new WebIdentitySubjectRule().Check(stack));
        Assert.Contains("without a StringEquals/StringLike condition on \"gitlab.example.com:sub\"", sub.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"StringEquals":{@sub:"repo:acme/app:ref:refs/heads/main"}}""")]
    [InlineData("""{"StringLike":{@sub:"repo:acme/app:*"}}""")]
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:SUB":"repo:acme/app:*"}}""")]
    public void Subject_tested_by_StringEquals_or_StringLike_passes(string condition) =>
        Assert.Empty(new WebIdentitySubjectRule().Check(RoleTemplates.Trust(WebIdentity(condition))));

    [Theory]
    [InlineData("""{"StringEquals":{@aud:"sts.amazonaws.com"}}""")]
    [InlineData("""{"StringEqualsIfExists":{@sub:"repo:acme/app:ref:refs/heads/main"}}""")]
    [InlineData("""{"ForAnyValue:StringLike":{@sub:"repo:acme/app:*"}}""")]
    [InlineData("""{"StringNotEquals":{@sub:"repo:acme/other:ref:refs/heads/main"}}""")]
    [InlineData("""{"StringEqualsIgnoreCase":{@sub:"repo:acme/app:ref:refs/heads/main"}}""")]
    public void Subject_not_restricted_is_flagged(string condition)
    {
        var finding = Assert.Single(new WebIdentitySubjectRule().Check(RoleTemplates.Trust(WebIdentity(condition))));

        Assert.Equal(StatementPath, finding.JsonPath);
        Assert.Equal(
            $"Statement[0] trusts web identities from {Issuer} without a StringEquals/StringLike condition on \"{Issuer}:sub\": any subject of the issuer can assume {finding.Subject}.",
            finding.Message);
    }

    [Theory]
    [InlineData("""{"StringEquals":{@sub:"repo:acme/app:ref:refs/heads/main"},"StringLike":{@sub:"repo:acme/app:pull_request"}}""", "StringEquals and StringLike")]
    [InlineData("""{"StringLike":{@sub:"repo:acme/app:*"},"StringEqualsIgnoreCase":{@sub:"repo:acme/app:ref:refs/heads/main"}}""", "StringLike and StringEqualsIgnoreCase")]
    [InlineData("""{"StringEquals":{@sub:"repo:acme/app:ref:refs/heads/main"},"StringLike":{"token.actions.githubusercontent.com:SUB":"repo:acme/app:*"}}""", "StringEquals and StringLike")]
    public void Exact_and_wildcard_subjects_in_one_statement_are_flagged(string condition, string operators)
    {
        var finding = Assert.Single(new WebIdentityAndedSubjectsRule().Check(RoleTemplates.Trust(WebIdentity(condition))));

        Assert.Equal(StatementPath, finding.JsonPath);
        Assert.EndsWith($"with both {operators}; they are ANDed, not alternatives.", finding.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Statement[0] tests \"{Issuer}:sub\" with both", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"StringEquals":{@sub:["repo:acme/app:ref:refs/heads/main","repo:acme/app:environment:prod"]}}""")]
    [InlineData("""{"StringLike":{@sub:"repo:acme/app:*"},"StringNotEquals":{@sub:"repo:acme/app:pull_request"}}""")]
    [InlineData("""{"StringLike":{@sub:"repo:acme/app:*"},"StringEquals":{"other.example.com:sub":"x"}}""")]
    [InlineData("""{"StringLike":{@sub:"repo:acme/app:*"},"StringEquals":{@aud:"sts.amazonaws.com"}}""")]
    [InlineData("""{"StringLike":{@sub:"repo:acme/app:*"},"ArnEquals":{@sub:"arn:aws:iam::111111111111:role/x"}}""")]
    public void One_kind_of_subject_test_passes(string condition) =>
        Assert.Empty(new WebIdentityAndedSubjectsRule().Check(RoleTemplates.Trust(WebIdentity(condition))));

    [Fact]
    public void Anded_subjects_outside_web_identity_trust_are_not_judged() =>
        Assert.Empty(new WebIdentityAndedSubjectsRule().Check(RoleTemplates.Trust(WebIdentity(
            """{"StringEquals":{@sub:"repo:acme/app:ref:refs/heads/main"},"StringLike":{@sub:"repo:acme/app:*"}}""", effect: "Deny"))));
}
