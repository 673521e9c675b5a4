using System.Text;
using System.Text.Json.Nodes;
using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Tests.Rules;

/// <summary>EIAM-PERM-001 on templates EdgeIam did not write: every spelling of "everything" is a wildcard.</summary>
public sealed class WildcardPermissionMeaningTests
{
    [Theory]
    [InlineData("ec2:TerminateInstances", "arn:*", "ec2:TerminateInstances on Resource \"arn:*\", which leaves the resource open")]
    [InlineData("ec2:TerminateInstances", "arn:aws:ec2:*:*:*", "ec2:TerminateInstances on Resource \"arn:aws:ec2:*:*:*\", which leaves the resource open")]
    [InlineData("*:*", "arn:aws:s3:::b/*", "Action \"*:*\" allows every action")]
    [InlineData("s3:*", "*", "s3:* allows every matching write action")]
    public void Is_flagged_at_the_statement(string action, string resource, string problem)
    {
        var finding = Assert.Single(new WildcardPermissionRule().Check(Template(action, resource)));

        Assert.Equal("$.Resources.R.Properties.Policies[0].PolicyDocument.Statement[0]", finding.JsonPath);
        Assert.Equal($"p Statement[0]: {problem} without a justification (the statement has no Sid to justify).", finding.Message[(finding.Message.IndexOf("p ", StringComparison.Ordinal))..]);
    }

    [Theory]
    [InlineData("ec2:DescribeInstances", "arn:*")]
    [InlineData("s3:PutObject", "arn:aws:s3:::b/*")]
    public void Narrow_or_read_only_passes(string action, string resource) =>
        Assert.Empty(new WildcardPermissionRule().Check(Template(action, resource)));

    private static StackTemplate Template(string action, string resource)
    {
        var statement = new JsonObject { ["Effect"] = "Allow", ["Action"] = action, ["Resource"] = resource };
        var template = new JsonObject
        {
            ["Resources"] = new JsonObject
            {
                ["R"] = new JsonObject
                {
                    ["Type"] = "AWS::IAM::Role",
                    ["Properties"] = new JsonObject
                    {
                        ["AssumeRolePolicyDocument"] = JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ec2.amazonaws.com"}}]}"""),
                        ["Policies"] = new JsonArray(new JsonObject
                        {
                            ["PolicyName"] = "p",
                            ["PolicyDocument"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(statement) },
                        }),
                    },
                },
            },
        };
        return TemplateReader.Read(Encoding.UTF8.GetBytes(template.ToJsonString()), "t.json", "fixture", "EdgeIam-fixture", StackEnvironment.Parse("aws://111111111111/us-east-1"));
    }
}
