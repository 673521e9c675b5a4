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
    }

    public static SortedDictionary<string, int> CountResources(string templatePath)
    {
        using var document = JsonDocument.Parse(InputFile.ReadAllBytes(templatePath, InputFileLimit.Template));
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
