using System.Text.Json;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Templates;

/// <summary>
/// Loads the EdgeIam stacks of a cloud assembly: every <c>EdgeIam-&lt;name&gt;.template.json</c>, with each stack's
/// account and region from <c>manifest.json</c> when it has them.
/// </summary>
public static class AssemblyReader
{
    public const string StackPrefix = "EdgeIam-";
    public const string TemplateSuffix = ".template.json";

    /// <summary>
    /// Loads the named stacks (<c>dev</c> or <c>EdgeIam-dev</c>), or every stack when none are named.
    /// Throws <see cref="TemplateException"/> for a missing folder, a missing stack or an unreadable file.
    /// </summary>
    public static CloudAssembly Load(string directory, IReadOnlyCollection<string>? stackNames = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new TemplateException(directory, JsonPaths.Root, "the assembly folder does not exist (run 'edgeiam synth' first, or pass --assembly)");
        }

        var available = Directory.GetFiles(directory, StackPrefix + "*" + TemplateSuffix)
            .Select(Path.GetFileName)
            .Select(f => f![StackPrefix.Length..^TemplateSuffix.Length])
            .Order(StringComparer.Ordinal)
            .ToList();
        List<string> names;
        if (stackNames is { Count: > 0 })
        {
            names = [];
            foreach (var requested in stackNames)
            {
                var name = requested.StartsWith(StackPrefix, StringComparison.Ordinal) ? requested[StackPrefix.Length..] : requested;
                if (!available.Contains(name, StringComparer.Ordinal))
                {
                    throw new TemplateException(Path.Combine(directory, StackPrefix + name + TemplateSuffix), JsonPaths.Root,
                        $"no template for stack \"{requested}\" in {directory} (found: {(available.Count == 0 ? "none" : string.Join(", ", available))})");
                }

                if (!names.Contains(name, StringComparer.Ordinal))
                {
                    names.Add(name);
                }
            }

            names.Sort(StringComparer.Ordinal);
        }
        else
        {
            names = available;
            if (names.Count == 0)
            {
                throw new TemplateException(directory, JsonPaths.Root, $"no {StackPrefix}<name>{TemplateSuffix} templates in the assembly folder");
            }
        }

        var environments = ReadEnvironments(directory);
        var stacks = names.Select(name =>
        {
            var stackId = StackPrefix + name;
            var environment = environments.TryGetValue(stackId, out var env) ? env : StackEnvironment.Unknown;
            return TemplateReader.ReadFile(Path.Combine(directory, stackId + TemplateSuffix), name, stackId, environment);
        }).ToList();
        return new CloudAssembly(directory, stacks);
    }

    /// <summary>Stack ID to environment from manifest.json; an absent manifest leaves every environment unknown.</summary>
    private static Dictionary<string, StackEnvironment> ReadEnvironments(string directory)
    {
        var result = new Dictionary<string, StackEnvironment>(StringComparer.Ordinal);
        var path = Path.Combine(directory, "manifest.json");
        if (!File.Exists(path))
        {
            return result;
        }

        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(path));
            if (manifest.RootElement.TryGetProperty("artifacts", out var artifacts) && artifacts.ValueKind == JsonValueKind.Object)
            {
                foreach (var artifact in artifacts.EnumerateObject())
                {
                    if (artifact.Value.ValueKind == JsonValueKind.Object && artifact.Value.TryGetProperty("environment", out var env) && env.ValueKind == JsonValueKind.String)
                    {
                        result[artifact.Name] = StackEnvironment.Parse(env.GetString());
                    }
                }
            }
        }
        catch (JsonException ex)
        {
            throw new TemplateException(path, ex.Path ?? JsonPaths.Root, $"not valid JSON: {ex.Message}");
        }

        return result;
    }
}
