using System.Text;
using System.Text.Json;

namespace EdgeIam.Policy.Model;

/// <summary>
/// Finds repeated keys in a JSON object before any DOM parser keeps only one of them: two <c>StringEquals</c> blocks in
/// one <c>Condition</c> would otherwise silently drop a condition.
/// </summary>
internal static class DuplicateKeyDetector
{
    /// <summary>Every repeated key, located by the JSON path of the second occurrence, in document order.</summary>
    public static IReadOnlyList<PolicyError> Find(ReadOnlySpan<byte> utf8Json, string rootPath = JsonPaths.Root)
    {
        var errors = new List<PolicyError>();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var frames = new Stack<Frame>();
        string? pendingProperty = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    var path = ChildPath(frames, pendingProperty, rootPath);
                    pendingProperty = null;
                    frames.Push(new Frame(path, reader.TokenType == JsonTokenType.StartObject));
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    frames.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    var frame = frames.Peek();
                    if (!frame.Keys!.Add(name))
                    {
                        errors.Add(new PolicyError(
                            JsonPaths.Property(frame.Path, name),
                            $"duplicate key \"{name}\" in {frame.Path}: JSON readers keep only one of them, so the other is silently dropped; merge them into one"));
                    }

                    pendingProperty = name;
                    break;
                default:
                    // A scalar value: consumes the pending property or one array slot.
                    if (frames.Count > 0 && frames.Peek().Keys is null)
                    {
                        frames.Peek().NextIndex++;
                    }

                    pendingProperty = null;
                    break;
            }
        }

        return errors;
    }

    public static IReadOnlyList<PolicyError> Find(string json, string rootPath = JsonPaths.Root) =>
        Find(Encoding.UTF8.GetBytes(json), rootPath);

    /// <summary>Like <see cref="Find(string, string)"/>, but reports malformed JSON as an error (with its line) instead of throwing.</summary>
    public static IReadOnlyList<PolicyError> FindOrReportSyntax(string json, string rootPath = JsonPaths.Root)
    {
        try
        {
            return Find(json, rootPath);
        }
        catch (JsonException ex)
        {
            return [new PolicyError(rootPath, $"not valid JSON: {ex.Message}")];
        }
    }

    private static string ChildPath(Stack<Frame> frames, string? property, string rootPath)
    {
        if (frames.Count == 0)
        {
            return rootPath;
        }

        var parent = frames.Peek();
        return parent.Keys is null ? JsonPaths.Index(parent.Path, parent.NextIndex++) : JsonPaths.Property(parent.Path, property ?? string.Empty);
    }

    private sealed class Frame(string path, bool isObject)
    {
        public string Path { get; } = path;

        public HashSet<string>? Keys { get; } = isObject ? new HashSet<string>(StringComparer.Ordinal) : null;

        public int NextIndex { get; set; }
    }
}
