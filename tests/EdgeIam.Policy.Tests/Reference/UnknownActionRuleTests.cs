using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Reference;

/// <summary>EIAM-PERM-003 over templates EdgeIam did not write: typos in Action/NotAction of trust and permission policies.</summary>
public sealed class UnknownActionRuleTests
{
    private static readonly UnknownActionRule Rule = new();

    /// <summary>Reads the rule fixture from Reference/Fixtures, or from Rules/Fixtures once it is moved there with the catalogue entry.</summary>
    private static JsonDocument Fixture()
    {
        var moved = FixturePaths.Output("Rules", "Fixtures", "EIAM-PERM-003.json");
        return JsonDocument.Parse(File.ReadAllText(File.Exists(moved) ? moved : FixturePaths.Output("Reference", "Fixtures", "EIAM-PERM-003.json")));
    }

    private static StackTemplate Read(string json) =>
        TemplateReader.Read(Encoding.UTF8.GetBytes(json), "t.json", "t", "EdgeIam-t", StackEnvironment.Parse("aws://111111111111/us-east-1"));

    private static string Template(string statements, string trustActions = "\"sts:AssumeRole\"", string extraResources = "") => $$"""
        {
          "Resources": {
            "R": {
              "Type": "AWS::IAM::Role",
              "Properties": {
                "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [
                  { "Effect": "Allow", "Action": [{{trustActions}}], "Principal": { "Service": "ec2.amazonaws.com" } } ] },
                "Policies": [ { "PolicyName": "p", "PolicyDocument": { "Version": "2012-10-17", "Statement": [ {{statements}} ] } } ]
              }
            }{{extraResources}}
          }
        }
        """;

    [Fact]
    public void The_fixture_compliant_template_passes()
    {
        using var fixture = Fixture();

        Assert.Empty(Rule.Check(Read(fixture.RootElement.GetProperty("compliant").GetRawText())));
    }

    [Fact]
    public void The_fixture_noncompliant_template_is_flagged_once_at_the_misspelt_item()
    {
        using var fixture = Fixture();

        var finding = Assert.Single(Rule.Check(Read(fixture.RootElement.GetProperty("noncompliant").GetRawText())));
        Assert.Equal(fixture.RootElement.GetProperty("expectedPath").GetString(), finding.JsonPath);
        Assert.Equal("EIAM-PERM-003", finding.Rule.Id);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("R", finding.ResourceLogicalId);
        Assert.Equal(
            "p Statement[0]: unknown action 's3:PutObjcet' in service s3; did you mean 's3:PutObject'?; IAM accepts it and it never matches, so the statement grants less than it says.",
            finding.Message);
    }

    [Fact]
    public void A_misspelt_deny_is_flagged_as_blocking_nothing()
    {
        var finding = Assert.Single(Rule.Check(Read(Template("""{ "Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObjcet", "Resource": "*" }"""))));

        Assert.Equal("$.Resources.R.Properties.Policies[0].PolicyDocument.Statement[0].Action", finding.JsonPath);
        Assert.Equal("p NoDelete: unknown action 's3:DeleteObjcet' in service s3; did you mean 's3:DeleteObject'?; IAM accepts it and it never matches, so the Deny blocks nothing by it.", finding.Message);
    }

    [Fact]
    public void A_misspelt_not_action_in_an_allow_is_flagged_as_allowing_what_it_meant_to_leave_out()
    {
        var finding = Assert.Single(Rule.Check(Read(Template("""{ "Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "acount:*"], "Resource": "*" }"""))));

        Assert.Equal("$.Resources.R.Properties.Policies[0].PolicyDocument.Statement[0].NotAction[2]", finding.JsonPath);
        Assert.Contains("unknown service prefix 'acount' in 'acount:*'; did you mean 'account:*'?", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("so the statement also allows what it meant to leave out.", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_not_action_in_a_deny_is_flagged()
    {
        var finding = Assert.Single(Rule.Check(Read(Template("""{ "Effect": "Deny", "NotAction": "sts:GetCallerIdentiy", "Resource": "*" }"""))));

        Assert.EndsWith("so the Deny also blocks what it meant to leave out.", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wildcard_that_matches_no_action_is_flagged()
    {
        var finding = Assert.Single(Rule.Check(Read(Template("""{ "Effect": "Allow", "Action": "s3:Gte*", "Resource": "*" }"""))));

        Assert.Contains("'s3:Gte*' matches no action of service s3; did you mean", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trust_policy_actions_are_checked_too()
    {
        var finding = Assert.Single(Rule.Check(Read(Template(
            """{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }""",
            trustActions: "\"sts:AssumeRole\", \"sts:TagSesion\""))));

        Assert.Equal("$.Resources.R.Properties.AssumeRolePolicyDocument.Statement[0].Action[1]", finding.JsonPath);
        Assert.StartsWith("trust policy Statement[0]: unknown action 'sts:TagSesion' in service sts; did you mean 'sts:TagSession'?", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_action_known_only_at_deploy_time_cannot_be_proved_and_is_flagged()
    {
        var template = Template("""{ "Effect": "Allow", "Action": { "Fn::Sub": "${Service}:GetObject" }, "Resource": "*" }""")
            .Replace("\"Resources\"", "\"Parameters\": { \"Service\": { \"Type\": \"String\" } }, \"Resources\"", StringComparison.Ordinal);

        var finding = Assert.Single(Rule.Check(Read(template)));
        Assert.Contains("is only known at deploy time, so it cannot be checked against the Service Authorization Reference", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_value_of_every_statement_is_reported()
    {
        var findings = Rule.Check(Read(Template("""
            { "Effect": "Allow", "Action": ["s3:GetObjct", "s3:GetObject", "ec2:DescribeInstance"], "Resource": "*" },
            { "Effect": "Deny", "Action": ["s3:PutObjcet"], "NotResource": "arn:aws:s3:::b/*" }
            """))).ToList();

        Assert.Equal(
            [
                "$.Resources.R.Properties.Policies[0].PolicyDocument.Statement[0].Action[0]",
                "$.Resources.R.Properties.Policies[0].PolicyDocument.Statement[0].Action[2]",
                "$.Resources.R.Properties.Policies[0].PolicyDocument.Statement[1].Action",
            ],
            findings.Select(f => f.JsonPath));
    }

    [Fact]
    public void A_standalone_policy_attached_to_the_role_is_checked()
    {
        var policy = """
            ,
            "P": {
              "Type": "AWS::IAM::Policy",
              "Properties": {
                "PolicyName": "standalone",
                "Roles": [ { "Ref": "R" } ],
                "PolicyDocument": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "kinesis:PutRecrod", "Resource": "*" } ] }
              }
            }
            """;

        var finding = Assert.Single(Rule.Check(Read(Template("""{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }""", extraResources: policy))));
        Assert.Contains("unknown action 'kinesis:PutRecrod' in service kinesis; did you mean 'kinesis:PutRecord'?", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_fixture_stacks_have_no_unknown_action()
    {
        Assert.Empty(Rule.Check(Fixtures.Dev));
        Assert.Empty(Rule.Check(Fixtures.Prod));
    }

    [Fact]
    public void The_fixture_file_is_a_rule_fixture_for_this_rule()
    {
        using var fixture = Fixture();

        Assert.Equal(Rule.Descriptor.Id, fixture.RootElement.GetProperty("rule").GetString());
        Assert.NotNull(JsonNode.Parse(fixture.RootElement.GetProperty("noncompliant").GetRawText()));
    }
}
