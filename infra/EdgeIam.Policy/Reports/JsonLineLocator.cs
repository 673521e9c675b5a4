using System.Text.Json;
using EdgeIam.Policy.Model;
using EdgeIam.Shared;

namespace EdgeIam.Policy.Reports;

/// <summary>
/// Maps JSON paths of a file to 1-based line numbers (for SARIF regions). A path that is not in the file (e.g. one
/// that only exists after intrinsics were resolved) falls back to its nearest ancestor.
/// </summary>
internal sealed class JsonLineLocator
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private JsonLineLocator(ReadOnlySpan<byte> utf8)
    {
        var newlines = new List<long>();
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                newlines.Add(i);
            }
        }

        var reader = new Utf8JsonReader(utf8);
        var frames = new Stack<(string Path, bool IsObject, int Index)>();
        string? property = null;
        while (reader.Read())
        {
            var line = LineOf(newlines, reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    _lines.TryAdd(JsonPaths.Property(frames.Peek().Path, property!), line);
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    frames.Pop();
                    continue;
            }

            var path = NextPath(frames, property);
            property = null;
            _lines.TryAdd(path, line);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                frames.Push((path, reader.TokenType == JsonTokenType.StartObject, 0));
            }
        }
    }

    public static JsonLineLocator ForFile(string path)
    {
        try
        {
            return new JsonLineLocator(InputFile.ReadAllBytes(path, InputFileLimit.Template));
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return new JsonLineLocator([]);
        }
    }

    public int LineOf(string jsonPath)
    {
        var path = jsonPath;
        while (true)
        {
            if (_lines.TryGetValue(path, out var line))
            {
                return line;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                return 1;
            }

            path = path[..cut];
        }
    }

    private static string NextPath(Stack<(string Path, bool IsObject, int Index)> frames, string? property)
    {
        if (frames.Count == 0)
        {
            return JsonPaths.Root;
        }

        var parent = frames.Pop();
        if (parent.IsObject)
        {
            frames.Push(parent);
            return JsonPaths.Property(parent.Path, property ?? string.Empty);
        }

        frames.Push(parent with { Index = parent.Index + 1 });
        return JsonPaths.Index(parent.Path, parent.Index);
    }

    private static int LineOf(List<long> newlines, long offset)
    {
        var index = newlines.BinarySearch(offset);
        return (index < 0 ? ~index : index) + 1;
    }
}
