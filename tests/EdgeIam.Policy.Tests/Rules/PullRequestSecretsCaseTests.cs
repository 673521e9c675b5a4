using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Rules;

/// <summary>
/// EIAM-PERM-006 case lists (cdk-nag style): which web-identity trusts a pull request can pass (the subject claim,
/// judged like the web-identity rules read it), and which grants read every S3 object, every SSM parameter or a
/// secret; an identity policy EdgeIam cannot read is a note, never silence.
/// </summary>
public sealed class PullRequestSecretsCaseTests
{
    private const string GitHub = """{"Federated":"arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"}""";
    private const string PullRequests = """{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*:pull_request"}}""";
    private const string ReadOnly = "\"ManagedPolicyArns\":[\"arn:aws:iam::aws:policy/ReadOnlyAccess\"]";
    private const string Path0 = "$.Resources.R.Properties.Policies[0].PolicyDocument.Statement[0]";
    private const string Who = "R, which a pull request can assume (Statement[0] admits sub \"repo:acme/x:pull_request\")";

    private static readonly PullRequestSecretsRule Rule = new();

    private static string Trust(string condition, string effect = "Allow") =>
        $$"""{"Effect":"{{effect}}","Action":"sts:AssumeRoleWithWebIdentity","Principal":{{GitHub}},"Condition":{{condition}}}""";

    private static StackTemplate Role(string trustCondition, string? permissions, string? properties = null, string? metadata = null) =>
        RoleTemplates.Role(Trust(trustCondition), permissions, metadata, RoleTemplates.Environment, null, properties);

    [Theory]
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*:pull_request"}}""", "repo:acme/x:pull_request")]
    [InlineData("""{"StringEquals":{"token.actions.githubusercontent.com:sub":["repo:acme/app:ref:refs/heads/main","repo:acme/app:pull_request"]}}""", "repo:acme/app:pull_request")]
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:*"}}""", "repo:acme/app:pull_request")]
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*"}}""", "repo:acme/x:pull_request")]
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:sub":"*"}}""", "repo:edgeiam-probe/edgeiam-probe:pull_request")]
    // No subject condition at all (EIAM-WEBID-002): every subject, pull requests included.
    [InlineData("""{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}""", "repo:edgeiam-probe/edgeiam-probe:pull_request")]
    // A customised subject template puts more claims after the context.
    [InlineData("""{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:acme/app:pull_request:job_workflow_ref:acme/w/.github/workflows/plan.yml@refs/heads/main"}}""",
        "repo:acme/app:pull_request:job_workflow_ref:acme/w/.github/workflows/plan.yml@refs/heads/main")]
    // A negated clause that leaves some pull requests in.
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*:pull_request"},"StringNotLike":{"token.actions.githubusercontent.com:sub":"repo:acme/secret-*"}}""", "repo:acme/x:pull_request")]
    public void A_trust_that_a_pull_request_passes_is_recognised(string condition, string subject)
    {
        var (statement, admitted) = Assert.NotNull(PullRequestSubjects.Admitting(Role(condition, null).Roles[0]));

        Assert.Equal(("Statement[0]", subject), (statement.Label, admitted));
    }

    [Theory]
    [InlineData("""{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}""")]
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:environment:*"}}""")]
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/tags/v*"}}""")]
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*"},"StringNotLike":{"token.actions.githubusercontent.com:sub":"*:pull_request*"}}""")]
    // StringEquals takes * literally: no real subject is "repo:acme/*:pull_request".
    [InlineData("""{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:acme/*:pull_request"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:*"}}""")]
    public void A_trust_that_no_pull_request_passes_is_not(string condition) =>
        Assert.Null(PullRequestSubjects.Admitting(Role(condition, null).Roles[0]));

    [Fact]
    public void A_deny_on_pull_request_subjects_refuses_them()
    {
        var stack = RoleTemplates.Role(
            Trust("""{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*"}}""") + "," + Trust("""{"StringLike":{"token.actions.githubusercontent.com:sub":"*:pull_request*"}}""", "Deny"),
            null, null);

        Assert.Null(PullRequestSubjects.Admitting(stack.Roles[0]));
    }

    [Theory]
    [InlineData("repo:acme/*:pull_request", true, "*:pull_request", "repo:acme/x:pull_request")]
    [InlineData("repo:acme/app:pull_request", false, "*:pull_request", "repo:acme/app:pull_request")]
    [InlineData("repo:acme/*:pull_request", false, "*:pull_request", "repo:acme/*:pull_request")]
    [InlineData("a?c", true, "*b*", "abc")]
    [InlineData("repo:acme/app:ref:refs/heads/main", false, "*:pull_request", null)]
    [InlineData("repo:*:environment:prod", true, "*:pull_request", null)]
    public void A_witness_is_a_string_both_patterns_match(string a, bool aIsPattern, string b, string? witness) =>
        Assert.Equal(witness, PullRequestSubjects.Witness(a, aIsPattern, b));

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""", "s3:GetObject on every bucket")]
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::*/*"}""", "s3:GetObject on every bucket")]
    [InlineData("""{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::*"}""", "s3:GetObject on every bucket")]
    [InlineData("""{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:us-east-1:111111111111:secret:deploy-key-AbCdEf"}""", "secretsmanager:GetSecretValue on any secret")]
    [InlineData("""{"Effect":"Allow","Action":"ssm:GetParameter*","Resource":"arn:aws:ssm:us-east-1:111111111111:parameter/*"}""",
        "ssm:GetParameter on every parameter, ssm:GetParameters on every parameter, ssm:GetParametersByPath on every parameter")]
    [InlineData("""{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}""",
        "s3:GetObject on every bucket, secretsmanager:GetSecretValue on any secret, ssm:GetParameter on every parameter, ssm:GetParameters on every parameter, ssm:GetParametersByPath on every parameter")]
    // A conditional grant is still a grant: it says which conditions.
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/public":"yes"}}}""",
        "s3:GetObject on every bucket (when StringEquals aws:ResourceTag/public hold)")]
    public void An_inline_read_of_secret_bearing_data_is_flagged_at_its_statement(string statement, string reads)
    {
        var finding = Assert.Single(Rule.Check(Role(PullRequests, statement)));

        Assert.Equal(("EIAM-PERM-006", Severity.Error, Path0), (finding.Rule.Id, finding.Severity, finding.JsonPath));
        Assert.Equal($"{Who}: inline p Statement[0] grants {reads}.", finding.Message);
    }

    [Fact]
    public void ReadOnlyAccess_is_flagged_at_the_managed_policy_arns()
    {
        var finding = Assert.Single(Rule.Check(Role(PullRequests, null, ReadOnly)));

        Assert.Equal("$.Resources.R.Properties.ManagedPolicyArns", finding.JsonPath);
        Assert.Equal(
            $"{Who}: AWS managed ReadOnlyAccess ReadOnlyActionsGroup2 grants s3:GetObject on every bucket, ssm:GetParameter on every parameter, "
            + "ssm:GetParameters on every parameter, ssm:GetParametersByPath on every parameter.",
            finding.Message);
    }

    [Theory]
    // List and describe only, or named reads.
    [InlineData(null, "\"ManagedPolicyArns\":[\"arn:aws:iam::aws:policy/job-function/ViewOnlyAccess\"]")]
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}""", null)]
    [InlineData("""{"Effect":"Allow","Action":"ssm:GetParameter","Resource":"arn:aws:ssm:us-east-1:111111111111:parameter/cdk-bootstrap/hnb659fds/version"}""", null)]
    [InlineData("""{"Effect":"Allow","Action":["s3:ListBucket","secretsmanager:ListSecrets","ssm:DescribeParameters"],"Resource":"*"}""", null)]
    // Taken back by a Deny of the role.
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}""", null)]
    // This template's bucket is one bucket, not every bucket.
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject","Resource":{"Fn::Sub":"${Bucket.Arn}/*"}}""", null)]
    public void Reads_that_are_named_or_refused_pass(string? statement, string? properties) =>
        Assert.Empty(Rule.Check(RoleTemplates.Role(Trust(PullRequests), statement, null, RoleTemplates.Environment,
            """ "Bucket":{"Type":"AWS::S3::Bucket"} """, properties)));

    [Theory]
    [InlineData("""{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}""")]
    [InlineData("""{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:environment:*"}}""")]
    public void A_role_no_pull_request_can_assume_is_not_judged(string condition) =>
        Assert.Empty(Rule.Check(Role(condition, null, ReadOnly)));

    [Fact]
    public void An_identity_policy_edgeiam_cannot_read_is_a_note_that_says_so()
    {
        var finding = Assert.Single(Rule.Check(Role(PullRequests, null, "\"ManagedPolicyArns\":[\"arn:aws:iam::111111111111:policy/PlanAccess\"]")));

        Assert.Equal((Severity.Note, "$.Resources.R.Properties.ManagedPolicyArns"), (finding.Severity, finding.JsonPath));
        Assert.StartsWith($"{Who}: could not check whether managed arn:aws:iam::111111111111:policy/PlanAccess reads S3 objects, SSM parameters or secrets: ", finding.Message, StringComparison.Ordinal);
        Assert.Contains("is a customer managed policy of account 111111111111", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_permissions_boundary_edgeiam_cannot_read_does_not_hide_the_grant()
    {
        var finding = Assert.Single(Rule.Check(Role(PullRequests, """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""",
            "\"PermissionsBoundary\":\"arn:aws:iam::111111111111:policy/Boundary\"")));

        Assert.Equal(Severity.Error, finding.Severity);
        Assert.StartsWith($"{Who}: inline p Statement[0] grants s3:GetObject on every bucket (not proved refused: permissions boundary arn:aws:iam::111111111111:policy/Boundary is unknown (", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_justification_by_Sid_makes_it_an_accepted_warning()
    {
        var finding = Assert.Single(Rule.Check(Role(PullRequests, """{"Sid":"ReadFixtures","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""", null,
            """{"edgeiam:justifications":{"ReadFixtures":"the account holds only public test fixtures"}}""")));

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.EndsWith("inline p ReadFixtures grants s3:GetObject on every bucket. Accepted: the account holds only public test fixtures.", finding.Message, StringComparison.Ordinal);
    }
}
