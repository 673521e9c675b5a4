using System.Text;
using System.Text.Json.Nodes;
using EdgeIam.Policy.Access;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Access;

/// <summary>
/// EKS Pod Identity associations in <c>access</c>: each is listed under the role its RoleArn names (from the shipped
/// dev stack, and hand-made templates for the cases it does not have), and one the engine cannot read is bad input.
/// </summary>
public sealed class PodIdentityAccessTests
{
    private const string PodRole = "ContainersInferenceInferencePodRoleEA955D82";

    [Fact]
    public void The_shipped_pod_role_lists_the_association_that_hands_it_to_the_model_server()
    {
        var dev = AccessAnalyzer.Analyze(Fixtures.Assembly).Stacks.Single(s => s.Name == "dev");

        var link = Assert.Single(Assert.Single(dev.Roles, r => r.LogicalId == PodRole).PodIdentities);
        Assert.Equal(("ContainersInferenceInferencePodAssociationA5D97975", "edge-nyc", "inference", "model-server", PodRole, (string?)null),
            (link.LogicalId, link.ClusterName, link.Namespace, link.ServiceAccount, link.Role, link.TargetRoleArn));
        Assert.All(dev.Roles.Where(r => r.LogicalId != PodRole), r => Assert.Empty(r.PodIdentities));
    }

    private static JsonObject Association(JsonNode roleArn, string? target = null)
    {
        var properties = new JsonObject { ["ClusterName"] = "edge-la", ["Namespace"] = "video", ["ServiceAccount"] = "encoder", ["RoleArn"] = roleArn };
        if (target is not null)
        {
            properties["TargetRoleArn"] = target;
        }

        return new JsonObject { ["Type"] = "AWS::EKS::PodIdentityAssociation", ["Properties"] = properties };
    }

    private static readonly JsonObject PodTrustRole = new()
    {
        ["Type"] = "AWS::IAM::Role",
        ["Properties"] = new JsonObject
        {
            ["AssumeRolePolicyDocument"] = JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}"""),
        },
    };

    private static StackTemplate Read(JsonObject resources) =>
        TemplateReader.Read(Encoding.UTF8.GetBytes(new JsonObject { ["Resources"] = resources }.ToJsonString()), "t.json", "t", "EdgeIam-t", StackEnvironment.Parse("aws://111111111111/us-east-1"));

    [Fact]
    public void An_association_is_shown_under_the_role_it_names_with_the_role_it_chains_to_in_text_and_json()
    {
        var stack = Read(new JsonObject
        {
            ["Pod"] = PodTrustRole.DeepClone(),
            ["Other"] = PodTrustRole.DeepClone(),
            ["Link"] = Association(new JsonObject { ["Fn::GetAtt"] = new JsonArray("Pod", "Arn") }, "arn:aws:iam::222222222222:role/encoder-target"),
            ["Elsewhere"] = Association("arn:aws:iam::111111111111:role/made-elsewhere"),
        });
        var report = new AccessReport([AccessAnalyzer.Analyze(stack)]);

        var pod = report.Stacks[0].Roles.Single(r => r.LogicalId == "Pod");
        Assert.Equal("Link", Assert.Single(pod.PodIdentities).LogicalId);
        Assert.Empty(report.Stacks[0].Roles.Single(r => r.LogicalId == "Other").PodIdentities);

        var text = new StringWriter();
        AccessTextWriter.Write(report, text);
        Assert.Contains("EKS Pod Identity: service account video/encoder of cluster edge-la (Link), then role arn:aws:iam::222222222222:role/encoder-target", text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Elsewhere", text.ToString(), StringComparison.Ordinal);

        var json = new StringWriter();
        AccessJsonWriter.Write(report, json);
        var roles = JsonNode.Parse(json.ToString())!["stacks"]![0]!["roles"]!.AsArray();
        Assert.Equal(
            """[{"association":"Link","cluster":"edge-la","namespace":"video","serviceAccount":"encoder","targetRoleArn":"arn:aws:iam::222222222222:role/encoder-target"}]""",
            roles.Single(r => r!["logicalId"]!.GetValue<string>() == "Pod")!["podIdentityAssociations"]!.ToJsonString());
        Assert.Null(roles.Single(r => r!["logicalId"]!.GetValue<string>() == "Other")!["podIdentityAssociations"]);
    }

    [Theory]
    [InlineData("ClusterName")]
    [InlineData("Namespace")]
    [InlineData("ServiceAccount")]
    [InlineData("RoleArn")]
    public void An_association_missing_what_links_it_is_bad_input(string key)
    {
        var association = Association(new JsonObject { ["Fn::GetAtt"] = new JsonArray("Pod", "Arn") });
        association["Properties"]!.AsObject().Remove(key);
        var error = Assert.Throws<TemplateException>(() => Read(new JsonObject { ["Pod"] = PodTrustRole.DeepClone(), ["Link"] = association }));
        Assert.Contains($"a Pod Identity association needs \"{key}\"", error.Message, StringComparison.Ordinal);
        Assert.Equal("$.Resources.Link.Properties", error.JsonPath);
    }
}
