using System.Globalization;
using System.Text.Json;
using EdgeIam.Config.Stack;
using EdgeIam.Shared;

namespace EdgeIam.App.Output;

/// <summary>The short per-stack summary <c>synth</c> prints: name, account/region, resources by type, template path.</summary>
public static class StackSummary
{
    public static void Write(TextWriter output, StackConfig stack, string outDir)
    {
        var template = Path.Combine(outDir, stack.CloudFormationStackName + ".template.json");
        var counts = CountResources(template);
        var total = counts.Sum(c => c.Value);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stack.CloudFormationStackName}  {stack.Account}/{stack.Region}{(stack.Protect ? "  protected" : "")}  {total} resources  {template}"));
        foreach (var (type, count) in counts)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count,4}  {type}"));
        }

        var files = ResourcesPerTemplate(template);
        if (files.Count > 1)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  split over {files.Count} templates (CloudFormation allows 500 resources per template):"));
            foreach (var (file, count) in files)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count,4}  {Path.GetFileName(file)}"));
            }
        }
    }

    /// <summary>
    /// Each template file of the stack (its own first, then its nested stacks', depth first) with the resources that
    /// file declares, the count CloudFormation's per-template quota applies to. One entry for a stack that is not nested.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, int>> ResourcesPerTemplate(string templatePath) =>
        EdgeIam.Policy.Templates.AssemblyReader.ResourceCountsByTemplate(templatePath);

    public static SortedDictionary<string, int> CountResources(string templatePath)
    {
        // Resources of every template of the stack, nested stacks' included (the AWS::CloudFormation::Stack resources count too).
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
}
