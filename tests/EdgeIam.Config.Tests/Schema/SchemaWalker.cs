using System.Text.Json.Nodes;

namespace EdgeIam.Config.Tests.Schema;

/// <summary>
/// Walks the stack-file JSON Schema (following <c>$ref</c> into sibling files and definitions) and lists, per
/// mapping, the keys it declares, using the same paths as <see cref="Reading.KeySet.SchemaPath"/>.
/// </summary>
internal sealed class SchemaWalker
{
    private readonly string _rootFile;
    private readonly Dictionary<string, JsonObject> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);

    public SchemaWalker(string rootFile)
    {
        _rootFile = Path.GetFullPath(rootFile);
    }

    public SortedDictionary<string, SortedSet<string>> Mappings { get; } = new(StringComparer.Ordinal);

    public List<string> Problems { get; } = [];

    public void Walk()
    {
        var root = Load(_rootFile);
        Visit(root, _rootFile, "");
        foreach (var (name, _) in root["definitions"]?.AsObject() ?? [])
        {
            Visit(new JsonObject { ["$ref"] = "#/definitions/" + name }, _rootFile, "");
        }
    }

    private void Visit(JsonObject node, string file, string path)
    {
        if (node["$ref"] is JsonValue reference)
        {
            var (target, targetFile, definition) = Resolve((string)reference!, file);
            // Shared definitions of the root schema have a path of their own; a section file's private definitions
            // stand where they are used.
            var targetPath = definition is not null && targetFile == _rootFile ? "#/definitions/" + definition : path;
            if (_visited.Add(targetFile + "|" + targetPath))
            {
                Visit(target, targetFile, targetPath);
            }

            return;
        }

        if (node["properties"] is JsonObject properties)
        {
            if (node["additionalProperties"]?.GetValue<bool>() != false)
            {
                Problems.Add($"'{path}' must set additionalProperties: false so unknown keys are flagged by editors too");
            }

            var keys = Mappings.TryGetValue(path, out var existing) ? existing : Mappings[path] = new(StringComparer.Ordinal);
            foreach (var (key, value) in properties)
            {
                keys.Add(key);
                var child = value!.AsObject();
                if (child["description"] is null && child["$ref"] is null)
                {
                    Problems.Add($"'{Join(path, key)}' has no description");
                }

                Visit(child, file, Join(path, key));
            }
        }

        if (node["items"] is JsonObject items)
        {
            Visit(items, file, path + "[]");
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (node[combinator] is JsonArray alternatives)
            {
                foreach (var alternative in alternatives)
                {
                    Visit(alternative!.AsObject(), file, path);
                }
            }
        }
    }

    private (JsonObject Node, string File, string? Definition) Resolve(string reference, string fromFile)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var filePart = hash < 0 ? reference : reference[..hash];
        var pointer = hash < 0 ? "" : reference[(hash + 1)..];
        var file = filePart.Length == 0 ? fromFile : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(fromFile)!, filePart));
        JsonNode node = Load(file);
        string? definition = null;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node[segment] ?? throw new InvalidOperationException($"{reference} from {fromFile} does not resolve");
            definition = segment;
        }

        return (node.AsObject(), file, pointer.Length == 0 ? null : definition);
    }

    private JsonObject Load(string file)
    {
        if (!_files.TryGetValue(file, out var json))
        {
            json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            _files[file] = json;
        }

        return json;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
