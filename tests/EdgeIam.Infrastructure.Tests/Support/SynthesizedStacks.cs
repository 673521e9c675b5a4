using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using EdgeIam.Config;
using EdgeIam.Config.Stack;
using Microsoft.Extensions.Time.Testing;

namespace EdgeIam.Infrastructure.Tests.Support;

/// <summary>
/// The shipped stacks (stacks/dev.yaml, stacks/prod.yaml) synthesized once per test run: a synth costs about a
/// second, so every test class of the collection asserts on these.
/// </summary>
public sealed class SynthesizedStacks
{
    public SynthesizedStacks()
    {
        var result = new StackConfigLoader(new FakeTimeProvider(Now)).LoadDirectory(StacksDirectory, []);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        DevConfig = result.Stacks.Single(s => s.Name == "dev");
        ProdConfig = result.Stacks.Single(s => s.Name == "prod");

        var outdir = Path.Combine(Path.GetTempPath(), "edgeiam-tests-" + Guid.NewGuid().ToString("N"));
        var app = EdgeIamApp.Create(result.Stacks, outdir);
        App = app;
        var dev = (Amazon.CDK.Stack)app.Node.FindChild(DevConfig.CloudFormationStackName);
        var prod = (Amazon.CDK.Stack)app.Node.FindChild(ProdConfig.CloudFormationStackName);
        Dev = Template.FromStack(dev);
        Prod = Template.FromStack(prod);
        DevJson = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Dev.ToJSON()))!.AsObject();
        ProdJson = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Prod.ToJSON()))!.AsObject();

        // The same templates as the policy engine reads them from a cloud assembly on disk.
        app.Synth();
        Assembly = Policy.Templates.AssemblyReader.Load(outdir);
    }

    /// <summary>The construct tree of both stacks, for assertions on construct IDs.</summary>
    public Amazon.CDK.App App { get; }

    /// <summary>The synthesized assembly as the policy engine sees it, for assertions on trust decisions.</summary>
    public Policy.Templates.CloudAssembly Assembly { get; }

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The repository's <c>stacks/</c> folder, found from the test binary's location.</summary>
    public static string StacksDirectory => RepositoryPaths.Stacks;

    public StackConfig DevConfig { get; }

    public StackConfig ProdConfig { get; }

    public Template Dev { get; }

    public Template Prod { get; }

    /// <summary>The dev template as JSON, for assertions that walk it.</summary>
    public JsonObject DevJson { get; }

    public JsonObject ProdJson { get; }

    /// <summary>Resources of <paramref name="type"/> in a template, by logical ID.</summary>
    public static IReadOnlyList<KeyValuePair<string, JsonObject>> ResourcesOf(JsonObject template, string type) =>
        [.. (template["Resources"]?.AsObject() ?? [])
            .Where(r => (string?)r.Value!["Type"] == type)
            .Select(r => new KeyValuePair<string, JsonObject>(r.Key, r.Value!.AsObject()))];
}

[CollectionDefinition(Name)]
public sealed class SynthesizedStacksCollection : ICollectionFixture<SynthesizedStacks>
{
    public const string Name = "synthesized stacks";
}

/// <summary>Synthesizes a stack from YAML written in a test (for failing-input and edge cases).</summary>
public static class AdHocStack
{
    /// <summary>Loads <paramref name="yaml"/> as a stack file named <paramref name="name"/> in a temp folder and synthesizes it.</summary>
    public static Template Synthesize(string yaml, string name = "adhoc", IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        var config = Load(yaml, name, extraFiles);
        var app = EdgeIamApp.Create([config], Path.Combine(Path.GetTempPath(), "edgeiam-tests-" + Guid.NewGuid().ToString("N")));
        return Template.FromStack((Amazon.CDK.Stack)app.Node.FindChild(config.CloudFormationStackName));
    }

    public static StackConfig Load(string yaml, string name = "adhoc", IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        var dir = Directory.CreateTempSubdirectory("edgeiam-stack-").FullName;
        var path = Path.Combine(dir, name + ".yaml");
        File.WriteAllText(path, yaml);
        foreach (var (relative, text) in extraFiles ?? new Dictionary<string, string>())
        {
            var full = Path.Combine(dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        var result = new StackConfigLoader(new FakeTimeProvider(SynthesizedStacks.Now)).LoadFile(path);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return Assert.Single(result.Stacks);
    }
}
