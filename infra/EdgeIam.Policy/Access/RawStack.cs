using System.Text.Json.Nodes;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Access;

/// <summary>The Resources of one stack's template as raw JSON, by logical ID, for the resource diff.</summary>
internal sealed class RawStack
{
    private RawStack(IReadOnlyDictionary<string, JsonObject> resources) => Resources = resources;

    public static RawStack Empty { get; } = new(new Dictionary<string, JsonObject>());

    public IReadOnlyDictionary<string, JsonObject> Resources { get; }

    public IEnumerable<(string LogicalId, JsonObject Resource)> OfType(params string[] types) =>
        Resources.Where(r => types.Contains(TemplateNode.Literal(r.Value["Type"]), StringComparer.Ordinal))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => (r.Key, r.Value));

    /// <summary>
    /// The template with its nested stacks merged in: the bytes the reader read and validated, or (for a stack not read
    /// from a file) the file read again; an unreadable one is bad input.
    /// </summary>
    public static RawStack Load(StackTemplate stack)
    {
        JsonNode? root;
        try
        {
            root = stack.MergedJson.IsEmpty ? JsonNode.Parse(AssemblyReader.ReadMergedTemplate(stack.FilePath)) : JsonNode.Parse(stack.MergedJson.Span);
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            throw new TemplateException(stack.FilePath, Model.JsonPaths.Root, $"cannot read the template for the diff: {ex.Message}");
        }

        var resources = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (root?["Resources"] is JsonObject all)
        {
            foreach (var (id, node) in all)
            {
                if (node is JsonObject resource)
                {
                    resources[id] = resource;
                }
            }
        }

        return new RawStack(resources);
    }
}
