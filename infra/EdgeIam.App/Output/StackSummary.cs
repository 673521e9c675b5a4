using System.Globalization;
using System.Text.Json;
using EdgeIam.Config.Placement;
using EdgeIam.Config.Stack;
using EdgeIam.Shared;

namespace EdgeIam.App.Output;

/// <summary>
/// The short per-stack summary <c>synth</c> prints: name, account/region, resources by type, template path, and for a
/// stack split into nested templates, the resources and outputs of each against CloudFormation's quotas.
/// </summary>
public static class StackSummary
{
    public static void Write(TextWriter output, StackConfig stack, string outDir)
    {
        var topLevel = Path.Combine(outDir, stack.CloudFormationStackName + ".template.json");
        var templates = Templates(topLevel);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var type in templates.SelectMany(t => t.Types))
        {
            counts[type] = counts.GetValueOrDefault(type) + 1;
        }

        var total = counts.Sum(c => c.Value);
        var split = templates.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" in {templates.Count} templates") : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stack.CloudFormationStackName}  {stack.Account}/{stack.Region}{(stack.Protect ? "  protected" : "")}  {total} resources{split}  {topLevel}"));
        if (templates.Count > 1)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  split to stay under CloudFormation's {TemplateCost.ResourceLimit} resources and {TemplateCost.OutputLimit} outputs per template; placement recorded in {Path.GetFileName(PlacementLock.PathFor(stack.SourceFile))}:"));
            foreach (var template in templates)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {template.Types.Count,4} resources {template.Outputs,3} outputs  {template.Name,-9}  {Path.GetFileName(template.File)}"));
            }
        }

        foreach (var (type, count) in counts)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count,4}  {type}"));
        }
    }

    /// <summary>
    /// Each template file of the stack (its own first, then its nested stacks', depth first) with the resources that
    /// file declares, the count CloudFormation's per-template quota applies to. One entry for a stack that is not nested.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, int>> ResourcesPerTemplate(string templatePath) =>
        EdgeIam.Policy.Templates.AssemblyReader.ResourceCountsByTemplate(templatePath);

    /// <summary>Resources by type over every template of the stack, nested stacks' included (their AWS::CloudFormation::Stack resources count too).</summary>
    public static SortedDictionary<string, int> CountResources(string templatePath)
    {
        using var document = JsonDocument.Parse(EdgeIam.Policy.Templates.AssemblyReader.ReadMergedTemplate(templatePath));
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("Resources", out var resources))
        {
            foreach (var resource in resources.EnumerateObject())
            {
                var type = resource.Value.GetProperty("Type").GetString() ?? "?";
                counts[type] = counts.GetValueOrDefault(type) + 1;
            }
        }

        return counts;
    }

    private sealed record TemplateFacts(string Name, string File, IReadOnlyList<string> Types, int Outputs, IReadOnlyList<(string Shard, string File)> Nested);

    /// <summary>The top-level template and, in shard order, the nested templates it names (asset metadata).</summary>
    private static List<TemplateFacts> Templates(string topLevel)
    {
        var top = Read(topLevel) with { Name = TemplatePlacement.TopLevel };
        var all = new List<TemplateFacts> { top };
        foreach (var (shard, file) in top.Nested.OrderBy(n => TemplatePlacement.ParseTemplateName(n.Shard) ?? int.MaxValue))
        {
            all.Add(Read(Path.Combine(Path.GetDirectoryName(topLevel) ?? "", file)) with { Name = shard });
        }

        return all;
    }

    private static TemplateFacts Read(string path)
    {
        using var document = JsonDocument.Parse(InputFile.ReadAllBytes(path, InputFileLimit.Template));
        var types = new List<string>();
        var nested = new List<(string, string)>();
        if (document.RootElement.TryGetProperty("Resources", out var resources))
        {
            foreach (var resource in resources.EnumerateObject())
            {
                var type = resource.Value.GetProperty("Type").GetString() ?? "?";
                types.Add(type);
                if (type == "AWS::CloudFormation::Stack"
                    && resource.Value.TryGetProperty("Metadata", out var metadata)
                    && metadata.TryGetProperty("aws:asset:path", out var asset) && asset.GetString() is { } file
                    && metadata.TryGetProperty("aws:cdk:path", out var cdkPath) && cdkPath.GetString() is { } constructPath)
                {
                    // "EdgeIam-big/Shard1.NestedStack/Shard1.NestedStackResource": the shard's construct ID.
                    var segments = constructPath.Split('/');
                    nested.Add((segments.Length > 1 ? segments[1].Split('.')[0] : resource.Name, file));
                }
            }
        }

        var outputs = document.RootElement.TryGetProperty("Outputs", out var o) && o.ValueKind == JsonValueKind.Object ? o.EnumerateObject().Count() : 0;
        return new TemplateFacts("", path, types, outputs, nested);
    }
}
