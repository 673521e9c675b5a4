using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Rules;

/// <summary>
/// EIAM-PERM-004 case list (cdk-nag style): a scoped inline Allow statement next to a managed policy (AWS managed from
/// the snapshot, or this template's own) that grants the statement's actions outside the statement's resources is an
/// error at the statement, naming both; decided on probe requests, never on the text.
/// </summary>
public sealed class ManagedPolicyOverridesScopeCaseTests
{
    private const string Path0 = "$.Resources.R.Properties.Policies[0].PolicyDocument.Statement[0]";
    private const string Topic = "arn:aws:iot:us-east-1:111111111111:topic/factory/line-*/state";

    private static readonly ManagedPolicyOverridesScopeRule Rule = new();

    private static StackTemplate Role(string statements, string managedArns, string? metadata = null, string? otherResources = null) =>
        RoleTemplates.Role(
            """{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ec2.amazonaws.com"}}""",
            statements, metadata, RoleTemplates.Environment, otherResources, $"\"ManagedPolicyArns\":[{managedArns}]");

    private static string Aws(string name) => $"\"arn:aws:iam::aws:policy/{name}\"";

    private const string CustomerManaged = """
        "M":{"Type":"AWS::IAM::ManagedPolicy","Properties":{"PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}}}
        """;

    [Fact]
    public void The_FactoryControllerRole_case_names_the_role_statement_managed_policy_and_its_statement()
    {
        var finding = Assert.Single(Rule.Check(Role($$"""{"Sid":"ReportLineState","Effect":"Allow","Action":"iot:Publish","Resource":"{{Topic}}"}""", Aws("AWSIoTDataAccess"))));

        Assert.Equal(("EIAM-PERM-004", Severity.Error, "R", Path0), (finding.Rule.Id, finding.Severity, finding.ResourceLogicalId, finding.JsonPath));
        Assert.Equal(
            $"p ReportLineState scopes iot:Publish to \"{Topic}\", but AWS managed AWSIoTDataAccess Statement[0] grants iot:Publish on \"*\" "
            + "(e.g. arn:aws:iot:us-east-1:111111111111:topic/edgeiam-probe): the scoped statement restricts nothing for R.",
            finding.Message);
    }

    [Theory]
    // An AWS managed policy on *: only the actions it grants are named.
    [InlineData($$"""{"Effect":"Allow","Action":["iot:Publish","iot:DeleteThing"],"Resource":["{{Topic}}","arn:aws:iot:us-east-1:111111111111:thing/plc-1"]}""",
        "\"arn:aws:iam::aws:policy/AWSIoTDataAccess\"", "AWS managed AWSIoTDataAccess Statement[0] grants iot:Publish on \"*\"")]
    // Wildcard actions expand with the Service Authorization Reference; a long list is shortened.
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject*","Resource":"arn:aws:s3:::reports/*"}""",
        "\"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\"", "AWS managed AmazonS3ReadOnlyAccess Statement[0] grants s3:GetObject, s3:GetObjectAcl, s3:GetObjectAnnotation, s3:GetObjectAttributes, s3:GetObjectLegalHold and 11 more on \"*\" (e.g. arn:aws:s3:::edgeiam-probe/edgeiam-probe)")]
    // This template's own managed policy, broader than the statement but not open: the probe is an instance of its pattern.
    [InlineData("""{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/uploads/*"}""",
        "{\"Ref\":\"M\"}", "customer managed (this template) M Statement[0] grants s3:PutObject on \"arn:aws:s3:::b/*\" (e.g. arn:aws:s3:::b/edgeiam-probe)")]
    // Several managed policies: each one that widens is its own finding (here the second).
    [InlineData($$"""{"Effect":"Allow","Action":"iot:Publish","Resource":"{{Topic}}"}""",
        "\"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\",\"arn:aws:iam::aws:policy/AWSIoTDataAccess\"", "AWS managed AWSIoTDataAccess Statement[0] grants iot:Publish")]
    public void A_managed_policy_granting_beyond_the_scope_is_flagged(string statement, string managed, string expected)
    {
        var finding = Assert.Single(Rule.Check(Role(statement, managed, otherResources: CustomerManaged)));

        Assert.Equal(Path0, finding.JsonPath);
        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("the scoped statement restricts nothing for R.", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    // The managed policy does not grant the statement's action.
    [InlineData("""{"Effect":"Allow","Action":"iot:DeleteThing","Resource":"arn:aws:iot:us-east-1:111111111111:thing/plc-1"}""", "\"arn:aws:iam::aws:policy/AWSIoTDataAccess\"")]
    // The managed policy grants it only inside the statement's resources.
    [InlineData("""{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}""", "{\"Ref\":\"M\"}")]
    [InlineData("""{"Effect":"Allow","Action":"s3:PutObject","Resource":["arn:aws:s3:::b/*","arn:aws:s3:::c/*"]}""", "{\"Ref\":\"M\"}")]
    // Not a scoped statement: every resource, NotResource, NotAction, Deny.
    [InlineData("""{"Effect":"Allow","Action":"iot:Publish","Resource":"*"}""", "\"arn:aws:iam::aws:policy/AWSIoTDataAccess\"")]
    [InlineData("""{"Effect":"Allow","Action":"iot:Publish","Resource":"arn:aws:iot:*:*:*"}""", "\"arn:aws:iam::aws:policy/AWSIoTDataAccess\"")]
    [InlineData("""{"Effect":"Allow","Action":"iot:Publish","NotResource":"arn:aws:iot:us-east-1:111111111111:topic/secret"}""", "\"arn:aws:iam::aws:policy/AWSIoTDataAccess\"")]
    [InlineData("""{"Effect":"Allow","NotAction":"iot:Publish","Resource":"arn:aws:iot:us-east-1:111111111111:topic/x"}""", "\"arn:aws:iam::aws:policy/AWSIoTDataAccess\"")]
    [InlineData($$"""{"Effect":"Deny","Action":"iot:Publish","Resource":"{{Topic}}"}""", "\"arn:aws:iam::aws:policy/AWSIoTDataAccess\"")]
    // A Deny of the role refuses everything outside the scope, so the managed grant adds nothing there.
    [InlineData($$"""{"Effect":"Allow","Action":"iot:Publish","Resource":"{{Topic}}"},{"Effect":"Deny","Action":"iot:*","NotResource":"{{Topic}}"}""", "\"arn:aws:iam::aws:policy/AWSIoTDataAccess\"")]
    // A managed policy EdgeIam cannot read is not judged here (it is no proof of anything).
    [InlineData($$"""{"Effect":"Allow","Action":"iot:Publish","Resource":"{{Topic}}"}""", "\"arn:aws:iam::111111111111:policy/Unknown\"")]
    public void A_managed_policy_that_adds_nothing_outside_the_scope_passes(string statement, string managed) =>
        Assert.Empty(Rule.Check(Role(statement, managed, otherResources: CustomerManaged)));

    [Theory]
    [InlineData("ReportLineState")]
    [InlineData("AWSIoTDataAccess")]
    public void A_justification_by_statement_Sid_or_managed_policy_name_makes_it_an_accepted_warning(string key)
    {
        var finding = Assert.Single(Rule.Check(Role(
            $$"""{"Sid":"ReportLineState","Effect":"Allow","Action":"iot:Publish","Resource":"{{Topic}}"}""", Aws("AWSIoTDataAccess"),
            $$$"""{"edgeiam:justifications":{"{{{key}}}":"the managed policy is the vendor's contract; the statement documents our topics"}}""")));

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.EndsWith("restricts nothing for R. Accepted: the managed policy is the vendor's contract; the statement documents our topics.", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cdk_nag_suppression_does_not_justify_it()
    {
        var finding = Assert.Single(Rule.Check(Role(
            $$"""{"Sid":"ReportLineState","Effect":"Allow","Action":"iot:Publish","Resource":"{{Topic}}"}""", Aws("AWSIoTDataAccess"),
            """{"cdk_nag":{"rules_to_suppress":[{"id":"AwsSolutions-IAM5","reason":"wildcards are fine here"}]}}""")));

        Assert.Equal(Severity.Error, finding.Severity);
    }
}
