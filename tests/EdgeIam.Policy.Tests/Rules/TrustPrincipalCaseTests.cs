using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Rules;

/// <summary>
/// Trust principal case lists (EIAM-TRUST-001..005, EIAM-PERM-002): who a trust statement lets in, and which
/// principal values name nobody.
/// </summary>
public sealed class TrustPrincipalCaseTests
{
    private const string StatementPath = "$.Resources.R.Properties.AssumeRolePolicyDocument.Statement[0]";

    private static string Trust(string principalElement, string effect = "Allow", string action = "\"Action\":\"sts:AssumeRole\"") =>
        $$"""{"Effect":"{{effect}}",{{action}},{{principalElement}}}""";

    [Theory]
    [InlineData("\"Principal\":\"*\"")]
    [InlineData("""{"Principal":{"AWS":"*"}}""")]
    [InlineData("""{"Principal":{"AWS":["arn:aws:iam::111111111111:root","*"]}}""")]
    public void Anyone_is_flagged_at_the_principal(string principal)
    {
        var element = principal.StartsWith('{') ? principal[1..^1] : principal;
        var finding = Assert.Single(new WildcardPrincipalRule().Check(RoleTemplates.Trust(Trust(element))));

        Assert.Equal(StatementPath + ".Principal", finding.JsonPath);
        Assert.Equal("Statement[0] lets any principal assume R.", finding.Message);
    }

    [Theory]
    [InlineData("\"Principal\":\"*\"", "Deny")]
    [InlineData("\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"}", "Allow")]
    [InlineData("\"Principal\":{\"Service\":\"ec2.amazonaws.com\"}", "Allow")]
    [InlineData("\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"}", "Allow")]
    public void Named_principals_or_a_deny_of_anyone_are_not_a_wildcard_principal(string principal, string effect) =>
        Assert.Empty(new WildcardPrincipalRule().Check(RoleTemplates.Trust(Trust(principal, effect))));

    [Theory]
    [InlineData("Allow")]
    [InlineData("Deny")]
    public void NotPrincipal_is_flagged_whatever_the_effect(string effect)
    {
        var stack = RoleTemplates.Trust(Trust("\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"}", effect));

        var finding = Assert.Single(new NotPrincipalInTrustRule().Check(stack));
        Assert.Equal(StatementPath + ".NotPrincipal", finding.JsonPath);
        Assert.Equal("Statement[0] uses NotPrincipal: it applies to every principal it does not name.", finding.Message);
        Assert.Empty(new MissingPrincipalInTrustRule().Check(stack));
    }

    [Theory]
    [InlineData("Allow")]
    [InlineData("Deny")]
    public void NotAction_is_flagged_whatever_the_effect(string effect)
    {
        var stack = RoleTemplates.Trust(Trust("\"Principal\":{\"Service\":\"ec2.amazonaws.com\"}", effect, "\"NotAction\":\"sts:GetFederationToken\""));

        var finding = Assert.Single(new NotActionInTrustRule().Check(stack));
        Assert.Equal(StatementPath + ".NotAction", finding.JsonPath);
        Assert.Equal("Statement[0] uses NotAction: every other action is trusted.", finding.Message);
    }

    [Fact]
    public void Action_lists_are_not_NotAction() =>
        Assert.Empty(new NotActionInTrustRule().Check(RoleTemplates.Trust(Trust("\"Principal\":{\"Service\":\"ec2.amazonaws.com\"}", action: "\"Action\":[\"sts:AssumeRole\",\"sts:*\"]"))));

    [Theory]
    [InlineData("Allow")]
    [InlineData("Deny")]
    public void A_statement_without_Principal_or_NotPrincipal_is_flagged(string effect)
    {
        var stack = RoleTemplates.Trust(
            """{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ec2.amazonaws.com"}},""" + $$"""{"Sid":"Orphan","Effect":"{{effect}}","Action":"sts:AssumeRole"}""");

        var finding = Assert.Single(new MissingPrincipalInTrustRule().Check(stack));
        Assert.Equal("$.Resources.R.Properties.AssumeRolePolicyDocument.Statement[1]", finding.JsonPath);
        Assert.Equal("Orphan of the trust policy of R has no Principal: IAM refuses it, and it matches no caller.", finding.Message);
    }

    [Theory]
    [InlineData("AWS", "*")]
    [InlineData("AWS", "111111111111")]
    [InlineData("AWS", "arn:aws:iam::111111111111:root")]
    [InlineData("AWS", "arn:aws:iam::111111111111:role/Deployer")]
    [InlineData("AWS", "arn:aws:iam::111111111111:role/path/to/Deployer")]
    [InlineData("AWS", "arn:aws:iam::111111111111:user/alice")]
    [InlineData("AWS", "arn:aws:sts::111111111111:assumed-role/Deployer/session")]
    [InlineData("AWS", "arn:aws:sts::111111111111:federated-user/bob")]
    [InlineData("AWS", "arn:aws-cn:iam::111111111111:root")]
    [InlineData("AWS", "arn:aws-us-gov:iam::111111111111:root")]
    [InlineData("AWS", "arn:aws-eusc:iam::111111111111:root")]
    [InlineData("AWS", "arn:aws:iam::${Trusted}:root")]
    [InlineData("AWS", "${Deployer.Arn}")]
    [InlineData("Service", "ec2.amazonaws.com")]
    [InlineData("Service", "rolesanywhere.amazonaws.com")]
    [InlineData("Service", "ec2.amazonaws.com.cn")]
    [InlineData("Service", "ssm-incidents.amazonaws.com")]
    [InlineData("Service", "${ServicePrincipal}")]
    [InlineData("Federated", "cognito-identity.amazonaws.com")]
    [InlineData("Federated", "accounts.google.com")]
    [InlineData("Federated", "www.amazon.com")]
    [InlineData("Federated", "graph.facebook.com")]
    [InlineData("Federated", "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com")]
    [InlineData("Federated", "arn:aws:iam::111111111111:oidc-provider/gitlab.example.com/Group")]
    [InlineData("Federated", "arn:aws:iam::111111111111:saml-provider/Corp")]
    [InlineData("Federated", "arn:aws:iam::111111111111:oidc-provider/${Issuer}")]
    public void Well_formed_principal_passes(string kind, string value) =>
        Assert.Null(MalformedPrincipalRule.Problem(Entry(kind, value)));

    [Theory]
    [InlineData("AWS", "11111111111", "is not an ARN of the form arn:partition:service::account:resource")]
    [InlineData("AWS", "arn:aws:iam::root", "is not an ARN of the form arn:partition:service::account:resource")]
    [InlineData("AWS", "role/Deployer", "is not an ARN of the form arn:partition:service::account:resource")]
    [InlineData("AWS", "aws:iam::111111111111:root:x", "is not an ARN of the form arn:partition:service::account:resource")]
    [InlineData("AWS", "arn:aws:iam:::root", "has no account")]
    [InlineData("AWS", "arn:awz:iam::111111111111:root", "has an unknown partition \"awz\"")]
    [InlineData("AWS", "arn:aws:s3::111111111111:root", "names service \"s3\"; a principal ARN belongs to iam or sts")]
    [InlineData("AWS", "arn:aws:iam:us-east-1:111111111111:root", "has a region; IAM and STS principal ARNs have none")]
    [InlineData("AWS", "arn:aws:iam::1111:root", "has \"1111\" where a 12-digit account belongs")]
    [InlineData("AWS", "arn:aws:iam::111111111111:group/admins", "names no principal (\"group/admins\")")]
    [InlineData("AWS", "arn:aws:iam::111111111111:", "names no principal (\"\")")]
    [InlineData("AWS", "arn:aws:iam::111111111111:Root", "names no principal (\"Root\")")]
    [InlineData("Service", "EC2.amazonaws.com", "is not lower case: IAM compares service principals exactly, so it does not name ec2.amazonaws.com")]
    [InlineData("Service", "ec2", "is not a service principal host name such as ec2.amazonaws.com")]
    [InlineData("Service", "ec2.amazonaws.com.", "is not a service principal host name such as ec2.amazonaws.com")]
    [InlineData("Service", "-ec2.amazonaws.com", "is not a service principal host name such as ec2.amazonaws.com")]
    [InlineData("Federated", "token.actions.githubusercontent.com", "is not an ARN of the form arn:partition:service::account:resource")]
    [InlineData("Federated", "arn:aws:iam::111111111111:oidc-provider/", "names no principal (\"oidc-provider/\")")]
    [InlineData("Federated", "arn:aws:iam::111111111111:saml-provider/", "names no principal (\"saml-provider/\")")]
    [InlineData("Federated", "arn:aws:iam::111111111111:role/Web", "names no principal (\"role/Web\")")]
    [InlineData("Federated", "arn:aws:sts::111111111111:oidc-provider/x.example.com", "names service \"sts\"; a principal ARN belongs to iam")]
    [InlineData("Federated", "arn:aws:iam::111111111111:oidc-provider/Token.Actions.GitHubUserContent.com", "has upper case in the issuer host: IAM compares provider ARNs exactly, and issuer hosts are registered in lower case")]
    public void Malformed_principal_is_explained(string kind, string value, string problem) =>
        Assert.Equal(problem, MalformedPrincipalRule.Problem(Entry(kind, value)));

    [Fact]
    public void Malformed_principals_are_flagged_in_Principal_and_NotPrincipal_at_their_entry()
    {
        var stack = RoleTemplates.Trust(
            """{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["ec2.amazonaws.com","EC2.amazonaws.com"]}},"""
            + """{"Effect":"Deny","Action":"sts:AssumeRole","NotPrincipal":{"AWS":"arn:aws:iam:::root"}}""");

        var findings = new MalformedPrincipalRule().Check(stack).ToList();

        Assert.Equal(2, findings.Count);
        Assert.StartsWith("Statement[0]: Service principal \"EC2.amazonaws.com\" is not lower case", findings[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("$.Resources.R.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service", findings[0].JsonPath, StringComparison.Ordinal);
        Assert.Equal("Statement[1]: Aws principal \"arn:aws:iam:::root\" has no account.", findings[1].Message);
        Assert.StartsWith("$.Resources.R.Properties.AssumeRolePolicyDocument.Statement[1].NotPrincipal.AWS", findings[1].JsonPath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/AdministratorAccess")]
    [InlineData("arn:aws:iam::aws:policy/PowerUserAccess")]
    [InlineData("arn:aws:iam::aws:policy/IAMFullAccess")]
    [InlineData("arn:aws:iam::aws:policy/administratoraccess")]
    [InlineData("arn:aws-cn:IAM::AWS:POLICY/AdministratorAccess")]
    public void Administrator_managed_policy_is_flagged(string arn)
    {
        var finding = Assert.Single(new AdminManagedPolicyRule().Check(RoleTemplates.WithProperties($$"""  "ManagedPolicyArns":["arn:aws:iam::aws:policy/ReadOnlyAccess","{{arn}}"]""")));

        Assert.Equal("$.Resources.R.Properties.ManagedPolicyArns", finding.JsonPath);
        Assert.Equal($"R attaches {arn} without a justification.", finding.Message);
    }

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/ReadOnlyAccess")]
    [InlineData("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess")]
    [InlineData("arn:aws:iam::111111111111:policy/AdministratorAccess")]
    [InlineData("arn:aws:iam::aws:policy/AdministratorAccess-Amplify")]
    public void Other_managed_policy_passes(string arn) =>
        Assert.Empty(new AdminManagedPolicyRule().Check(RoleTemplates.WithProperties($$"""  "ManagedPolicyArns":["{{arn}}"]""")));

    [Theory]
    [InlineData("""{"edgeiam:justifications":{"AdministratorAccess":"break-glass role"}}""", false)]
    [InlineData("""{"edgeiam:justifications":{"PowerUserAccess":"another policy"}}""", true)]
    [InlineData("""{"cdk_nag":{"rules_to_suppress":[{"id":"AwsSolutions-IAM5","reason":"admin needed"}]}}""", true)]
    public void Only_a_justification_named_after_the_policy_excuses_it(string metadata, bool flagged) =>
        Assert.Equal(
            flagged ? 1 : 0,
            new AdminManagedPolicyRule().Check(RoleTemplates.WithProperties("""  "ManagedPolicyArns":["arn:aws:iam::aws:policy/AdministratorAccess"]""", metadata)).Count());

    private static EdgeIam.Policy.Model.PrincipalEntry Entry(string kind, string value)
    {
        var stack = RoleTemplates.Trust("""{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"""
            + $"\"{kind}\":\"{value}\"" + "}}");
        return Assert.Single(stack.Roles.Single().TrustPolicy.Statements.Single().Principal!.Entries);
    }
}
