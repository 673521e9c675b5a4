using EdgeIam.Policy.Access;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Permissions;

/// <summary>
/// The permissions boundary layer read from what the engine can see: this template's own <c>AWS::IAM::ManagedPolicy</c>
/// (by Ref or GetAtt PolicyArn), or the document the stack file gives for a customer managed boundary (template
/// Metadata <c>edgeiam:permissionsBoundary</c>), used only for a role whose boundary is literally that ARN. A session
/// may do only what the identity policies and the boundary both allow
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html); whatever the engine cannot read
/// stays unknown.
/// </summary>
public sealed class PermissionsBoundaryTests
{
    private const string Given = "arn:aws:iam::111111111111:policy/EdgeBoundary";
    private const string ReadsOnly = """{"Version":"2012-10-17","Statement":[{"Sid":"OnlyReads","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    private const string Object = "arn:aws:s3:::bucket/key";

    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ec2.amazonaws.com"}}]}""";
    private const string ReadWrite = """{"Version":"2012-10-17","Statement":[{"Sid":"ReadWrite","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]}""";

    /// <summary>Role R may get and put every S3 object; its boundary is <paramref name="boundary"/> (a JSON value).</summary>
    private static StackTemplate WithBoundary(string boundary, string? otherResources = null, string? metadata = null, string? environment = RoleTemplates.Environment) =>
        RoleTemplates.Read(Template(boundary, otherResources, metadata), environment);

    private static string Template(string boundary, string? otherResources = null, string? metadata = null, string? top = null) =>
        "{" + (top is null ? string.Empty : top + ",")
        + (metadata is null ? string.Empty : "\"Metadata\":" + metadata + ",")
        + "\"Resources\":{" + (otherResources is null ? string.Empty : otherResources + ",")
        + "\"R\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{\"AssumeRolePolicyDocument\":" + Trust
        + ",\"PermissionsBoundary\":" + boundary
        + ",\"Policies\":[{\"PolicyName\":\"p\",\"PolicyDocument\":" + ReadWrite + "}]}}}}";

    private static string ManagedPolicy(string id, string document, string? name = "EdgeBoundary") =>
        "\"" + id + "\":{\"Type\":\"AWS::IAM::ManagedPolicy\",\"Properties\":{"
        + (name is null ? string.Empty : "\"ManagedPolicyName\":\"" + name + "\",")
        + "\"PolicyDocument\":" + document + "}}";

    private static string GivenMetadata(string arn, string document, string file = "boundaries/edge.json") =>
        "{\"" + EdgeIamMetadata.PermissionsBoundary + "\":{\"arn\":\"" + arn + "\",\"file\":\"" + file + "\",\"document\":" + System.Text.Json.JsonSerializer.Serialize(document) + "}}";

    [Fact]
    public void The_template_reader_keeps_each_managed_policy_document_by_logical_id()
    {
        var stack = WithBoundary("""{"Ref":"Boundary"}""", ManagedPolicy("Boundary", ReadsOnly));

        var policy = Assert.Single(Assert.Single(stack.ManagedPolicies).Value);
        Assert.Equal("Boundary", Assert.Single(stack.ManagedPolicies).Key);
        Assert.Equal(("EdgeBoundary", PermissionPolicyKind.CustomerManaged), (policy.Name, policy.Kind));
        Assert.Equal("OnlyReads", Assert.Single(policy.Document.Statements).Sid);
        Assert.Equal("${Boundary}", stack.FindRole("R")!.PermissionsBoundary);
    }

    [Fact]
    public void A_template_managed_boundary_allows_only_what_both_the_identity_policy_and_the_boundary_allow()
    {
        var stack = WithBoundary("""{"Ref":"Boundary"}""", ManagedPolicy("Boundary", ReadsOnly));

        var get = AccessAnalyzer.CanDo(stack, "R", "s3:GetObject", Object);
        var put = AccessAnalyzer.CanDo(stack, "R", "s3:PutObject", Object);

        Assert.Equal("Allowed", get.Outcome);
        Assert.Contains("  permissions boundary: allows\n    customer managed (this template) EdgeBoundary: Allow OnlyReads ($.Resources.Boundary.Properties.PolicyDocument.Statement[0])\n", get.Explain(), StringComparison.Ordinal);
        Assert.Equal("ImplicitlyDenied", put.Outcome);
        Assert.True(put.Proved);
        Assert.Contains("  identity policies: allows\n", put.Explain(), StringComparison.Ordinal);
        Assert.Contains("  permissions boundary: does not allow\n", put.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_boundary_never_grants_what_the_identity_policies_do_not()
    {
        const string Everything = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
        var stack = WithBoundary("""{"Ref":"Boundary"}""", ManagedPolicy("Boundary", Everything));

        var delete = AccessAnalyzer.CanDo(stack, "R", "s3:DeleteObject", Object);

        Assert.Equal("ImplicitlyDenied", delete.Outcome);
        Assert.Contains("  identity policies: does not allow\n  permissions boundary: allows\n", delete.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void GetAtt_PolicyArn_names_the_boundary_too_and_another_attribute_is_unknown()
    {
        var arn = WithBoundary("""{"Fn::GetAtt":["Boundary","PolicyArn"]}""", ManagedPolicy("Boundary", ReadsOnly));
        var id = WithBoundary("""{"Fn::GetAtt":["Boundary","PolicyId"]}""", ManagedPolicy("Boundary", ReadsOnly));

        Assert.Equal("ImplicitlyDenied", AccessAnalyzer.CanDo(arn, "R", "s3:PutObject", Object).Outcome);
        var unknown = AccessAnalyzer.CanDo(id, "R", "s3:GetObject", Object);
        Assert.Equal("CannotProve", unknown.Outcome);
        Assert.Contains("PolicyId of this template's managed policy Boundary, not its ARN", unknown.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_boundary_whose_document_depends_on_a_deploy_time_condition_is_unknown()
    {
        const string Branches = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":{"Fn::If":["Wide",["s3:*"],["s3:GetObject"]]},"Resource":"*"}]}
            """;
        var stack = RoleTemplates.Read(Template("""{"Ref":"Boundary"}""", ManagedPolicy("Boundary", Branches),
            top: "\"Parameters\":{\"Mode\":{\"Type\":\"String\"}},\"Conditions\":{\"Wide\":{\"Fn::Equals\":[{\"Ref\":\"Mode\"},\"wide\"]}}"));

        var put = AccessAnalyzer.CanDo(stack, "R", "s3:PutObject", Object);

        Assert.Equal("CannotProve", put.Outcome);
        Assert.Contains("2 readings under its deploy-time conditions", put.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_deny_with_NotAction_in_the_boundary_is_evaluated()
    {
        const string DenyAllButReads = """
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Everything","Effect":"Allow","Action":"*","Resource":"*"},
              {"Sid":"NothingButReads","Effect":"Deny","NotAction":["s3:GetObject"],"Resource":"*"}]}
            """;
        var stack = WithBoundary("""{"Ref":"Boundary"}""", ManagedPolicy("Boundary", DenyAllButReads));

        var put = AccessAnalyzer.CanDo(stack, "R", "s3:PutObject", Object);

        Assert.Equal("Allowed", AccessAnalyzer.CanDo(stack, "R", "s3:GetObject", Object).Outcome);
        Assert.Equal("ExplicitlyDenied", put.Outcome);
        Assert.Contains("  permissions boundary: denies\n    customer managed (this template) EdgeBoundary: Deny NothingButReads", put.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_boundary_statement_on_a_deploy_time_resource_is_a_perhaps_never_an_allow()
    {
        const string OnBucket = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":{"Fn::Sub":"${Bucket.Arn}/*"}}]}""";
        var stack = WithBoundary("""{"Ref":"Boundary"}""", "\"Bucket\":{\"Type\":\"AWS::S3::Bucket\"}," + ManagedPolicy("Boundary", OnBucket));

        var put = AccessAnalyzer.CanDo(stack, "R", "s3:PutObject", Object);

        Assert.Equal("CannotProve", put.Outcome);
        Assert.Contains("perhaps: customer managed (this template) EdgeBoundary", put.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Effective_access_drops_what_a_template_managed_boundary_allows_nowhere()
    {
        var stack = WithBoundary("""{"Ref":"Boundary"}""", ManagedPolicy("Boundary", ReadsOnly));

        var session = AccessAnalyzer.Analyze(stack, stack.FindRole("R")!).Effective[0];

        Assert.Equal(["s3:GetObject"], session.Actions.Select(a => a.Action));
        Assert.Empty(session.Unknown);
    }

    [Fact]
    public void The_stack_files_document_decides_for_a_role_whose_boundary_is_that_arn()
    {
        var stack = WithBoundary($"\"{Given}\"", metadata: GivenMetadata(Given, ReadsOnly));

        var get = AccessAnalyzer.CanDo(stack, "R", "s3:GetObject", Object);
        var put = AccessAnalyzer.CanDo(stack, "R", "s3:PutObject", Object);

        Assert.Equal("Allowed", get.Outcome);
        Assert.Contains($"  permissions boundary: allows\n    customer managed, as given in the stack file (boundaries/edge.json) {Given}: Allow OnlyReads ($.Statement[0])\n", get.Explain(), StringComparison.Ordinal);
        Assert.Contains($"  note: the permissions boundary {Given} is evaluated as given in the stack file (boundaries/edge.json); EdgeIam cannot check offline that the account's policy says the same\n", get.Explain(), StringComparison.Ordinal);
        Assert.Equal("ImplicitlyDenied", put.Outcome);
        Assert.Contains("  permissions boundary: does not allow\n", put.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_arn_is_compared_after_the_readers_intrinsic_resolution()
    {
        // The partition and the fixed account resolve, so the role's boundary is literally the ARN the stack file gave.
        var stack = WithBoundary("""{"Fn::Sub":"arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/EdgeBoundary"}""", metadata: GivenMetadata(Given, ReadsOnly));

        Assert.Equal(Given, stack.FindRole("R")!.PermissionsBoundary);
        Assert.Equal("ImplicitlyDenied", AccessAnalyzer.CanDo(stack, "R", "s3:PutObject", Object).Outcome);
    }

    [Theory]
    [InlineData("\"arn:aws:iam::111111111111:policy/OtherBoundary\"", null)]
    [InlineData("\"arn:aws:iam::111111111111:policy/edgeboundary\"", null)]
    [InlineData("""{"Fn::Sub":"arn:aws:iam::${AWS::AccountId}:policy/EdgeBoundary"}""", "aws://unknown-account/us-east-1")]
    [InlineData("""{"Fn::ImportValue":"shared-boundary"}""", null)]
    public void A_role_whose_boundary_is_not_literally_the_given_arn_keeps_an_unknown_boundary(string boundary, string? environment)
    {
        var stack = WithBoundary(boundary, metadata: GivenMetadata(Given, ReadsOnly), environment: environment ?? RoleTemplates.Environment);

        var put = AccessAnalyzer.CanDo(stack, "R", "s3:PutObject", Object);

        Assert.Equal("CannotProve", put.Outcome);
        Assert.Contains("  permissions boundary: cannot be proved\n", put.Explain(), StringComparison.Ordinal);
        Assert.Contains($"the stack file gives the document of {Given} (boundaries/edge.json), and this role's boundary is not literally that ARN", put.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_customer_managed_boundary_without_a_document_stays_unknown()
    {
        var stack = WithBoundary($"\"{Given}\"");

        var get = AccessAnalyzer.CanDo(stack, "R", "s3:GetObject", Object);

        Assert.Equal("CannotProve", get.Outcome);
        Assert.Contains("is a customer managed policy of account 111111111111", get.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_managed_boundary_wins_over_a_given_document()
    {
        var stack = WithBoundary("""{"Ref":"Boundary"}""", ManagedPolicy("Boundary", ReadsOnly),
            GivenMetadata(Given, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"""));

        Assert.Equal("ImplicitlyDenied", AccessAnalyzer.CanDo(stack, "R", "s3:PutObject", Object).Outcome);
    }

    [Theory]
    [InlineData("[]", "must be an object with \"arn\", \"file\" and \"document\"")]
    [InlineData("""{"arn":"arn:aws:iam::111111111111:policy/EdgeBoundary","file":"b.json"}""", "must be an object with \"arn\", \"file\" and \"document\"")]
    [InlineData("""{"arn":5,"file":"b.json","document":"{}"}""", "\"arn\" must be a string")]
    [InlineData("""{"arn":"arn:aws:iam::111111111111:policy/EdgeBoundary","file":"b.json","document":"{}","extra":1}""", "unknown key \"extra\"")]
    [InlineData("""{"arn":"arn:aws:iam::111111111111:policy/EdgeBoundary","file":"b.json","document":"not json"}""", "not valid JSON")]
    [InlineData("""{"arn":"arn:aws:iam::111111111111:policy/EdgeBoundary","file":"b.json","document":"{\"Statement\":[]}"}""", "\"Statement\" must not be empty")]
    [InlineData("""{"arn":"arn:aws:iam::111111111111:policy/EdgeBoundary","file":"b.json","document":"{\"Version\":\"2012-10-17\",\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"}""", "Version")]
    [InlineData("""{"arn":"arn:aws:iam::111111111111:policy/EdgeBoundary","file":"b.json","document":"{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}}"}""", "Principal")]
    public void Malformed_boundary_metadata_is_bad_input_never_skipped(string entry, string expected)
    {
        var ex = Assert.Throws<TemplateException>(() => WithBoundary($"\"{Given}\"", metadata: $"{{\"{EdgeIamMetadata.PermissionsBoundary}\":{entry}}}"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("synthesize again", ex.Message, StringComparison.Ordinal);
    }
}
