using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Templates;

/// <summary>
/// Properties of the nested-stack merge over the shipped stacks' templates: a template without nested stacks reads
/// the same merged or not, and moving any resources into a nested stack (references through parameters and
/// outputs, as the CDK writes them) changes no finding and no trust decision.
/// </summary>
public sealed class NestedStackPropertyTests
{
    private static readonly string[] StackNames = ["dev", "prod"];

    private static readonly AccessRequest[] Callers =
    [
        AccessRequest.AssumeRole(RequestPrincipal.Parse("oidc:token.actions.githubusercontent.com"), context: RequestContext.Of(("token.actions.githubusercontent.com:aud", "sts.amazonaws.com"), ("token.actions.githubusercontent.com:sub", "repo:acme/edge-fleet:ref:refs/heads/main"))),
        AccessRequest.AssumeRole(RequestPrincipal.Parse("oidc:token.actions.githubusercontent.com"), context: RequestContext.Of(("token.actions.githubusercontent.com:aud", "sts.amazonaws.com"), ("token.actions.githubusercontent.com:sub", "repo:acme/edge-fleet:pull_request"))),
        AccessRequest.AssumeRole(RequestPrincipal.Parse("service:ec2.amazonaws.com")),
        AccessRequest.AssumeRole(RequestPrincipal.Parse("service:rolesanywhere.amazonaws.com")),
        AccessRequest.AssumeRole(RequestPrincipal.Parse("arn:aws:iam::111111111111:role/Anyone")),
        AccessRequest.AssumeRole(RequestPrincipal.Parse("222222222222")),
    ];

    [Fact]
    public void Merging_a_template_without_nested_stacks_reads_the_same()
    {
        var sources = Directory.GetFiles(FixturePaths.Output("Fixtures", "Assembly"), "EdgeIam-*.template.json")
            .Concat(Directory.GetFiles(FixturePaths.Output("Fixtures", "Hostile"), "*.json"))
            .Select(f => (File: f, Template: JsonNode.Parse(File.ReadAllText(f))!.AsObject()))
            .Select(t => (t.File, Template: t.Template["template"] as JsonObject ?? t.Template))
            .ToList();

        Gen.Int[0, sources.Count - 1].Select(Gen.Int[0, 1_000]).Sample(pick =>
        {
            var (file, template) = sources[pick.Item1];
            var original = Encoding.UTF8.GetBytes(Shuffled(template, pick.Item2).ToJsonString());
            var expected = Describe(() => TemplateReader.Read(original, file, "t", "EdgeIam-t", StackEnvironment.Unknown));
            var merged = NestedStackMerger.MergeDocument(JsonNode.Parse(original)!.AsObject(), file);
            Assert.Equal(expected, Describe(() => TemplateReader.Read(merged, file, "t", "EdgeIam-t", StackEnvironment.Unknown)));
        }, iter: 60);
    }

    [Fact]
    public void Moving_resources_into_a_nested_stack_changes_no_finding_and_no_trust_decision()
    {
        var templates = StackNames.Select(name => (Name: name, Template: JsonNode.Parse(File.ReadAllText(Fixtures.Assembly.FindStack(name)!.FilePath))!.AsObject())).ToList();
        var gen = Gen.Int[0, templates.Count - 1].SelectMany(t => Gen.Bool.Array[((JsonObject)templates[t].Template["Resources"]!).Count].Select(pick => (t, pick)));
        gen.Sample(sample =>
        {
            var (name, template) = templates[sample.t];
            var ids = ((JsonObject)template["Resources"]!).Select(r => r.Key).Where((_, i) => sample.pick[i]).ToHashSet(StringComparer.Ordinal);
            var whole = Fixtures.Assembly.FindStack(name)!;
            var split = LoadSplit(template, ids, name);

            Assert.Equal(Findings(whole), Findings(split));
            Assert.Equal(whole.Roles.Select(r => r.LogicalId), split.Roles.Select(r => r.LogicalId));
            foreach (var role in whole.Roles)
            {
                var moved = split.FindRoleByLogicalId(role.LogicalId)!;
                Assert.Equal(role.UnresolvedSymbols.Order(StringComparer.Ordinal), moved.UnresolvedSymbols.Order(StringComparer.Ordinal));
                foreach (var caller in Callers)
                {
                    Assert.Equal(Decision(role.EvaluateTrust(caller, whole.Environment.Account)), Decision(moved.EvaluateTrust(caller, split.Environment.Account)));
                }
            }
        }, iter: 40);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Moving_every_role_with_its_policies_into_a_nested_stack_changes_no_finding(string name)
    {
        var template = JsonNode.Parse(File.ReadAllText(Fixtures.Assembly.FindStack(name)!.FilePath))!.AsObject();
        var ids = ((JsonObject)template["Resources"]!).Where(r => r.Value!["Type"]!.GetValue<string>().StartsWith("AWS::IAM::", StringComparison.Ordinal)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

        var split = LoadSplit(template, ids, name);

        Assert.Equal(Findings(Fixtures.Assembly.FindStack(name)!), Findings(split));
        Assert.Contains(split.Roles, r => split.FileOf(r.LogicalId).EndsWith(".nested.template.json", StringComparison.Ordinal));
    }

    private static StackTemplate LoadSplit(JsonObject template, IReadOnlySet<string> ids, string name)
    {
        var (parent, nested) = NestedStackMover.Move(template, ids, "IamShardNestedStackResource", "EdgeIam" + name + "IamShard.nested.template.json");
        using var folder = Fixtures.CopyAssembly();
        File.WriteAllText(folder.Combine($"EdgeIam-{name}.template.json"), parent.ToJsonString());
        File.WriteAllText(folder.Combine("EdgeIam" + name + "IamShard.nested.template.json"), nested.ToJsonString());
        return AssemblyReader.Load(folder.Path, [name]).Stacks.Single();
    }

    private static List<string> Findings(StackTemplate stack) =>
        [.. PolicyCheck.CheckStack(stack).Select(f => $"{f.Rule.Id}|{f.Severity}|{f.ResourceLogicalId}|{f.RoleName}|{f.JsonPath}|{f.Message}").Order(StringComparer.Ordinal)];

    private static string Decision(TrustDecision decision) => $"{decision.Decision}|{decision.IsAllowed}|{decision.IsProved}|{string.Join(",", decision.DependsOn)}";

    /// <summary>What the rules and evaluators see of a read, or the bad-input error it gave.</summary>
    private static string Describe(Func<StackTemplate> read)
    {
        StackTemplate stack;
        try
        {
            stack = read();
        }
        catch (TemplateException ex)
        {
            return "error: " + ex.JsonPath + ": " + ex.Message;
        }

        var text = new StringBuilder();
        text.AppendLine(string.Join(",", stack.ResourceTypes.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key + "=" + r.Value)));
        text.AppendLine(string.Join(",", stack.Parameters.Order(StringComparer.Ordinal)));
        foreach (var role in stack.Roles.Concat(stack.OtherPolicyHolders))
        {
            text.AppendLine($"{role.LogicalId} {role.ConfigName} {role.RoleName} {role.JsonPath} {string.Join(",", role.UnresolvedSymbols.Order(StringComparer.Ordinal))}");
            text.AppendLine(Json(role.TrustPolicy));
            text.AppendLine(Json(role.PermissionPolicies));
        }

        text.AppendLine(Json(stack.RolesAnywhereProfiles));
        text.AppendLine(Json(stack.TrustAnchors));
        text.AppendLine(Json(stack.OidcProviders));
        text.AppendLine(string.Join(";", PolicyCheck.CheckStack(stack).Select(f => $"{f.Rule.Id}|{f.ResourceLogicalId}|{f.TemplateFile}|{f.JsonPath}|{f.Message}")));
        return text.ToString();
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);

    /// <summary>The template with its resources in another order (the merge must not depend on it).</summary>
    private static JsonObject Shuffled(JsonObject template, int seed)
    {
        var copy = (JsonObject)template.DeepClone();
        if (copy["Resources"] is JsonObject resources)
        {
            var random = new Random(seed);
            var entries = resources.ToList();
            resources.Clear();
            foreach (var (id, resource) in entries.OrderBy(_ => random.Next()))
            {
                resources[id] = resource;
            }
        }

        return copy;
    }
}
