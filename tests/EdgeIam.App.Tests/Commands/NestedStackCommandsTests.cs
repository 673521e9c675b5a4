using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeIam.App.Output;
using EdgeIam.App.RolesAnywhere;

namespace EdgeIam.App.Tests.Commands;

/// <summary>
/// The engine commands over a stack split into CDK nested stacks (issue 15), end to end through <see cref="EdgeIamCli"/>
/// over tests/EdgeIam.Policy.Tests/Fixtures/NestedAssembly: every template of the stack is read, reports stay per stack,
/// and a finding on a nested resource points at the nested template.
/// </summary>
public sealed class NestedStackCommandsTests
{
    private const string ShardA = "EdgeIamnestedShardAFA29891D.nested.template.json";
    private static readonly string Assembly = Path.Combine(RepositoryPaths.Root, "tests", "EdgeIam.Policy.Tests", "Fixtures", "NestedAssembly");

    [Fact]
    public void Check_reads_the_nested_roles_and_reports_one_stack()
    {
        var result = CliRunner.Run("check", "--assembly", Assembly);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Contains("policy check: 1 stack, 3 roles", result.Out, StringComparison.Ordinal);
        Assert.Contains("EIAM-RA-002", result.Out, StringComparison.Ordinal);
        Assert.Contains("$.Resources.DeviceRole7E9A2513.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_points_a_nested_finding_at_the_nested_template_and_its_line()
    {
        var result = CliRunner.Run("check", "--assembly", Assembly, "--format", "sarif");

        using var sarif = JsonDocument.Parse(result.Out);
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("ruleId").GetString() == "EIAM-RA-002").ToList();
        Assert.NotEmpty(results);
        var lines = File.ReadAllLines(Path.Combine(Assembly, ShardA));
        var role = Array.FindIndex(lines, l => l.Contains("\"DeviceRole7E9A2513\"", StringComparison.Ordinal));
        var firstAction = Array.FindIndex(lines, role, l => l.Contains("\"Action\"", StringComparison.Ordinal)) + 1;
        var location = results[0].GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.EndsWith(ShardA, location.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(firstAction, location.GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void Access_lists_parent_and_nested_roles_of_the_stack()
    {
        var result = CliRunner.Run("access", "--assembly", Assembly, "--stack", "nested", "--format", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (var role in new[] { "DeployRole885297C3", "DeviceRole7E9A2513", "ReaderRole6150FC74" })
        {
            Assert.Contains(role, result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("device-ca", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Can_assume_proves_a_nested_role_trusting_the_parents_provider()
    {
        var (code, json) = CanAssume(Assembly);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(("Allowed", true, true), (json.RootElement.GetProperty("decision").GetString(), json.RootElement.GetProperty("allowed").GetBoolean(), json.RootElement.GetProperty("proved").GetBoolean()));
    }

    [Fact]
    public void Can_assume_does_not_prove_a_nested_role_whose_provider_the_parent_does_not_pass()
    {
        var copy = Copy(parent => parent["Resources"]!["ShardANestedStackShardANestedStackResource1A222AEE"]!["Properties"]!["Parameters"]!.AsObject().Remove("referencetoEdgeIamnestedGitHubProvider967EB60DArn"));

        var (code, json) = CanAssume(copy);

        Assert.NotEqual(ExitCodes.Ok, code);
        Assert.False(json.RootElement.GetProperty("allowed").GetBoolean());
        Assert.False(json.RootElement.GetProperty("proved").GetBoolean());
    }

    [Fact]
    public void Check_refuses_a_stack_whose_nested_template_is_missing()
    {
        var copy = Copy(_ => { });
        File.Delete(Path.Combine(copy, ShardA));

        var result = CliRunner.Run("check", "--assembly", copy);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(ShardA, result.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_sees_a_change_inside_a_nested_template()
    {
        var head = Copy(_ => { });
        var nested = Path.Combine(head, ShardA);
        var template = JsonNode.Parse(File.ReadAllText(nested))!;
        template["Resources"]!["DeployRole885297C3"]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Condition"]!["StringLike"]!["token.actions.githubusercontent.com:sub"] = "repo:acme/*";
        File.WriteAllText(nested, template.ToJsonString());

        var result = CliRunner.Run("diff", "--base", Assembly, "--head", head, "--fail-on-widen");

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Contains("DeployRole885297C3", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Roles_anywhere_reads_a_parent_profile_listing_a_nested_role()
    {
        var template = RolesAnywhereTemplate.Load(Assembly, "nested");

        var profile = Assert.Single(template.Profiles);
        Assert.Equal("DeviceRole7E9A2513", Assert.Single(profile.Roles).LogicalId);
        Assert.Equal("DeviceAnchor", Assert.Single(template.Anchors).Resource.LogicalId);
    }

    [Fact]
    public void The_synth_summary_can_say_how_the_stack_was_split()
    {
        var parent = Path.Combine(Assembly, "EdgeIam-nested.template.json");

        var files = StackSummary.ResourcesPerTemplate(parent);

        Assert.Equal([("EdgeIam-nested.template.json", 5), (ShardA, 3), ("EdgeIamnestedShardB4E42C99F.nested.template.json", 2)], files.Select(f => (Path.GetFileName(f.Key), f.Value)));
        Assert.Equal(3, StackSummary.CountResources(parent)["AWS::IAM::Role"]);
    }

    private static (int Code, JsonDocument Json) CanAssume(string assembly)
    {
        var result = CliRunner.Run("can-assume", "--assembly", assembly, "--stack", "nested", "--role", "DeployRole885297C3", "--principal", "oidc:token.actions.githubusercontent.com",
            "--context", "token.actions.githubusercontent.com:aud=sts.amazonaws.com", "--context", "token.actions.githubusercontent.com:sub=repo:acme/edge:ref:refs/heads/main", "--format", "json");
        Assert.Empty(result.Error);
        return (result.ExitCode, JsonDocument.Parse(result.Out));
    }

    private static string Copy(Action<JsonNode> editParent)
    {
        var dir = TestTemp.Folder("edgeiam-nested-copy-");
        foreach (var file in Directory.GetFiles(Assembly, "*.json"))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        var parent = Path.Combine(dir, "EdgeIam-nested.template.json");
        var template = JsonNode.Parse(File.ReadAllText(parent))!;
        editParent(template);
        File.WriteAllText(parent, template.ToJsonString());
        return dir;
    }
}
