using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Rules;

/// <summary>
/// EIAM-PERM-005 case list (cdk-nag style): Permissions management actions, or iam:PassRole on every role, that reach
/// a session of a web-identity or Roles Anywhere role after its permissions boundary and the profile's session policies.
/// </summary>
public sealed class FederatedPermissionsManagementCaseTests
{
    private const string WebIdentity = """
        {"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},
         "Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}}
        """;

    private const string RolesAnywhere = """{"Effect":"Allow","Action":["sts:AssumeRole","sts:SetSourceIdentity","sts:TagSession"],"Principal":{"Service":"rolesanywhere.amazonaws.com"}}""";
    private const string Ec2 = """{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ec2.amazonaws.com"}}""";
    private const string Path0 = "$.Resources.R.Properties.Policies[0].PolicyDocument.Statement[0]";

    private static readonly FederatedPermissionsManagementRule Rule = new();

    private static StackTemplate Role(string trust, string? statements, string? properties = null, string? metadata = null, string? otherResources = null) =>
        RoleTemplates.Role(trust, statements, metadata, RoleTemplates.Environment, otherResources, properties);

    private static string Profile(string? sessionPolicy = null, string? managed = null)
    {
        var session = sessionPolicy is null ? string.Empty : ",\"SessionPolicy\":" + System.Text.Json.JsonSerializer.Serialize(sessionPolicy);
        var arns = managed is null ? string.Empty : ",\"ManagedPolicyArns\":[" + managed + "]";
        return "\"P\":{\"Type\":\"AWS::RolesAnywhere::Profile\",\"Properties\":{\"Name\":\"devices\",\"RoleArns\":[{\"Fn::GetAtt\":[\"R\",\"Arn\"]}]" + session + arns + "}}";
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"iam:PutRolePolicy","Resource":"arn:aws:iam::111111111111:role/app-*"}""", "Permissions management (iam:PutRolePolicy)")]
    [InlineData("""{"Effect":"Allow","Action":["s3:PutObject","s3:PutBucketPolicy"],"Resource":["arn:aws:s3:::artifacts","arn:aws:s3:::artifacts/*"]}""", "Permissions management (s3:PutBucketPolicy)")]
    [InlineData("""{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}""", "iam:PassRole on every role")]
    [InlineData("""{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111111111111:role/*"}""", "iam:PassRole on every role")]
    [InlineData("""{"Effect":"Allow","Action":["iam:Attach*","iam:PassRole"],"Resource":"*"}""",
        "Permissions management (iam:AttachGroupPolicy, iam:AttachRolePolicy, iam:AttachUserPolicy) and iam:PassRole on every role")]
    [InlineData("""{"Effect":"Allow","Action":"kms:CreateGrant","Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":"true"}}}""",
        "Permissions management (kms:CreateGrant) (when Bool kms:GrantIsForAWSResource hold)")]
    public void A_web_identity_role_that_can_change_permissions_is_flagged_at_the_granting_statement(string statement, string granted)
    {
        var finding = Assert.Single(Rule.Check(Role(WebIdentity, statement)));

        Assert.Equal(("EIAM-PERM-005", Severity.Error, Path0), (finding.Rule.Id, finding.Severity, finding.JsonPath));
        Assert.Equal($"R, assumable by web identities: inline p Statement[0] grants {granted}.", finding.Message);
    }

    [Fact]
    public void An_AWS_managed_policy_is_flagged_at_the_managed_policy_arns()
    {
        var finding = Assert.Single(Rule.Check(Role(RolesAnywhere, null, "\"ManagedPolicyArns\":[\"arn:aws:iam::aws:policy/IAMFullAccess\"]")));

        Assert.Equal("$.Resources.R.Properties.ManagedPolicyArns", finding.JsonPath);
        Assert.Equal(
            "R, assumable by Roles Anywhere certificates: AWS managed IAMFullAccess Statement[0] grants Permissions management (iam:AttachGroupPolicy, "
            + "iam:AttachRolePolicy, iam:AttachUserPolicy, iam:CreatePolicy, iam:CreatePolicyVersion and 18 more) and iam:PassRole on every role.",
            finding.Message);
    }

    [Theory]
    // Writes and reads are not Permissions management; PassRole to named roles is not "every role".
    [InlineData(WebIdentity, """{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::artifacts/*"}""")]
    [InlineData(WebIdentity, """{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111111111111:role/app-task"}""")]
    [InlineData(WebIdentity, """{"Effect":"Allow","Action":["iam:GetRole","iam:ListRoles"],"Resource":"*"}""")]
    // Refused by a Deny of the role.
    [InlineData(WebIdentity, """{"Effect":"Allow","Action":"iam:*","Resource":"*"},{"Effect":"Deny","Action":["iam:*"],"Resource":"*"}""")]
    // Neither web identity nor Roles Anywhere: not this rule's question.
    [InlineData(Ec2, """{"Effect":"Allow","Action":["iam:PutRolePolicy","iam:PassRole"],"Resource":"*"}""")]
    public void Roles_without_reachable_permissions_management_pass(string trust, string statement) =>
        Assert.Empty(Rule.Check(Role(trust, statement)));

    [Fact]
    public void A_profile_session_policy_that_leaves_the_grant_out_narrows_it_away()
    {
        var stack = Role(RolesAnywhere, """{"Effect":"Allow","Action":["s3:PutObject","iam:PassRole"],"Resource":"*"}""",
            otherResources: Profile("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::telemetry/*"}]}"""));

        Assert.Empty(Rule.Check(stack));
    }

    [Fact]
    public void A_profile_session_policy_that_keeps_the_grant_is_named_in_the_finding()
    {
        var stack = Role(RolesAnywhere, """{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}""",
            otherResources: Profile(managed: "\"arn:aws:iam::aws:policy/IAMFullAccess\""));

        var finding = Assert.Single(Rule.Check(stack));
        Assert.Equal("R, assumable by Roles Anywhere certificates through profile devices: inline p Statement[0] grants iam:PassRole on every role.", finding.Message);
    }

    [Fact]
    public void A_permissions_boundary_from_the_snapshot_narrows_and_an_unknown_one_is_not_taken_to()
    {
        const string Statement = """{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}""";

        Assert.Empty(Rule.Check(Role(WebIdentity, Statement, "\"PermissionsBoundary\":\"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\"")));
        var finding = Assert.Single(Rule.Check(Role(WebIdentity, Statement, "\"PermissionsBoundary\":\"arn:aws:iam::111111111111:policy/Boundary\"")));
        Assert.StartsWith("R, assumable by web identities: inline p Statement[0] grants iam:PassRole on every role (not proved refused: permissions boundary arn:aws:iam::111111111111:policy/Boundary is unknown (", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_identity_policy_edgeiam_cannot_read_is_a_note()
    {
        var finding = Assert.Single(Rule.Check(Role(WebIdentity, null, "\"ManagedPolicyArns\":[\"arn:aws:iam::111111111111:policy/Deploy\"]")));

        Assert.Equal((Severity.Note, "$.Resources.R.Properties.ManagedPolicyArns"), (finding.Severity, finding.JsonPath));
        Assert.StartsWith("R, assumable by web identities: could not check whether managed arn:aws:iam::111111111111:policy/Deploy grants Permissions management or iam:PassRole: ", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_justification_by_Sid_makes_it_an_accepted_warning()
    {
        var finding = Assert.Single(Rule.Check(Role(WebIdentity, """{"Sid":"PassTaskRoles","Effect":"Allow","Action":"iam:PassRole","Resource":"*"}""", null,
            """{"edgeiam:justifications":{"PassTaskRoles":"the deploy job registers task definitions for every service"}}""")));

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.EndsWith("grants iam:PassRole on every role. Accepted: the deploy job registers task definitions for every service.", finding.Message, StringComparison.Ordinal);
    }
}
