using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EdgeIam.Config.Reading;

/// <summary>
/// Reads one YAML mapping into typed values, recording an error (with file, line, column and key path) for every
/// problem instead of stopping at the first. Unknown keys are reported by <see cref="ReportUnknownKeys"/>.
/// </summary>
public sealed partial class MappingReader
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly KeySet _keys;

    private MappingReader(ConfigContext context, YamlMappingNode node, string path, KeySet keys)
    {
        Context = context;
        Node = node;
        Path = path;
        _keys = keys;
        context.RecordPosition(path, node);
        foreach (var (key, value) in node.Children)
        {
            if (KeyText(key, path) is { } name)
            {
                _entries[name] = ((YamlScalarNode)key, value);
            }
        }
    }

    public ConfigContext Context { get; }

    public YamlMappingNode Node { get; }

    /// <summary>Key path of this mapping, e.g. <c>crossAccount[0]</c>; empty at the top of the file.</summary>
    public string Path { get; }

    /// <summary>Wraps <paramref name="node"/> when it is a mapping; otherwise records an error and returns null.</summary>
    public static MappingReader? From(ConfigContext context, YamlNode node, string path, KeySet keys)
    {
        if (node is YamlMappingNode mapping)
        {
            return new MappingReader(context, mapping, path, keys);
        }

        context.Error(node, path, $"expected a mapping of keys ({string.Join(", ", keys.Keys)}), found {Describe(node)}",
            "write the keys indented below this line, one `key: value` per line.");
        return null;
    }

    public string PathOf(string key) => Path.Length == 0 ? key : Path + "." + key;

    public bool Has(string key) => Value(key) is not null;

    /// <summary>The raw node under <paramref name="key"/>, or null when absent.</summary>
    public YamlNode? Value(string key)
    {
        if (!_keys.Contains(key))
        {
            throw new InvalidOperationException($"parser bug: '{key}' is not declared in the key set for '{_keys.SchemaPath}'");
        }

        return _entries.TryGetValue(key, out var entry) ? entry.Value : null;
    }

    public void Error(string key, string message, string fix) => Context.Error(Value(key) ?? Node, PathOf(key), message, fix);

    public void Warning(string key, string message, string fix) => Context.Warning(Value(key) ?? Node, PathOf(key), message, fix);

    /// <summary>Records "<paramref name="key"/> is required" at this mapping.</summary>
    public void Missing(string key, string fix) =>
        Context.Error(Node, PathOf(key), "is required but missing", fix);

    public string? String(string key, bool required = false, string? fix = null)
    {
        var node = Value(key);
        if (node is null)
        {
            if (required)
            {
                Missing(key, fix ?? $"add `{key}:` here.");
            }

            return null;
        }

        return ScalarText(node, PathOf(key), fix ?? $"give `{key}` a value.", allowLineBreaks: true);
    }

    /// <summary>A string that must match <paramref name="pattern"/>; <paramref name="what"/> reads "a 12-digit account ID".</summary>
    public string? Matching(string key, Regex pattern, string what, string fix, bool required = false)
    {
        var value = String(key, required, fix);
        if (value is not null && !pattern.IsMatch(value))
        {
            Error(key, $"'{value}' is not {what}", fix);
            return null;
        }

        return value;
    }

    public bool Bool(string key, bool defaultValue)
    {
        var node = Value(key);
        if (node is null)
        {
            return defaultValue;
        }

        var text = ScalarText(node, PathOf(key), "write true or false.");
        switch (text)
        {
            case null:
                return defaultValue;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                Error(key, $"'{text}' is not a boolean", "write true or false.");
                return defaultValue;
        }
    }

    /// <summary>An integer within [<paramref name="min"/>, <paramref name="max"/>]; null when absent or invalid.</summary>
    public int? Int(string key, int min, int max, bool required = false, string? fix = null)
    {
        var text = String(key, required, fix);
        if (text is null)
        {
            return null;
        }

        var rangeFix = fix ?? string.Create(CultureInfo.InvariantCulture, $"use a whole number from {min} to {max}.");
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error(key, $"'{text}' is not a whole number", rangeFix);
            return null;
        }

        if (value < min || value > max)
        {
            Error(key, string.Create(CultureInfo.InvariantCulture, $"{value} is out of range {min}..{max}"), rangeFix);
            return null;
        }

        return value;
    }

    /// <summary>
    /// A duration written as seconds (<c>3600</c>, <c>3600s</c>), minutes (<c>15m</c>) or hours (<c>1h</c>), within
    /// [<paramref name="minSeconds"/>, <paramref name="maxSeconds"/>]. Returns seconds.
    /// </summary>
    public int? DurationSeconds(string key, int minSeconds, int maxSeconds, string limitSource)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        var fix = string.Create(CultureInfo.InvariantCulture,
            $"write a duration from {minSeconds}s to {maxSeconds}s ({limitSource}), e.g. 1h, 90m or 3600.");
        var match = DurationPattern().Match(text);
        if (!match.Success)
        {
            Error(key, $"'{text}' is not a duration", fix);
            return null;
        }

        var amount = long.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        var seconds = match.Groups["unit"].Value switch
        {
            "h" => amount * 3600,
            "m" => amount * 60,
            _ => amount,
        };
        if (seconds < minSeconds || seconds > maxSeconds)
        {
            Error(key, string.Create(CultureInfo.InvariantCulture, $"{text} ({seconds}s) is out of range"), fix);
            return null;
        }

        return (int)seconds;
    }

    /// <summary>A list of strings (a single string is not accepted: lists stay lists).</summary>
    /// <param name="emptyMessage">What an empty list of a required key means (default "is an empty list").</param>
    public IReadOnlyList<string> Strings(string key, bool required = false, string? fix = null, string? emptyMessage = null)
    {
        var node = Value(key);
        if (node is null)
        {
            if (required)
            {
                Missing(key, fix ?? $"add `{key}: [ ... ]` here.");
            }

            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(key, $"expected a list, found {Describe(node)}", fix ?? $"write `{key}: [value, ...]`.");
            return [];
        }

        if (sequence.Children.Count == 0 && required)
        {
            // A required list that is empty would make what it configures vanish (an Allow or a Deny with no
            // actions is dropped from the policy), so the template would say less than the file.
            Error(key, emptyMessage ?? "is an empty list", fix ?? $"list at least one value: `{key}: [value, ...]`.");
            return [];
        }

        var values = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = ScalarText(sequence.Children[i], ItemPath(key, i), "write each item as a plain string.");
            if (item is null)
            {
                continue;
            }

            // Lists become sets on their way into CloudFormation (the CDK removes duplicate actions and resources),
            // so a repeated item is written once: refuse it rather than merge it silently.
            if (!seen.Add(item))
            {
                Context.Error(sequence.Children[i], ItemPath(key, i), $"'{item}' is listed twice", "list each value once.");
                continue;
            }

            values.Add(item);
        }

        return values;
    }

    /// <summary>The node of item <paramref name="index"/> of the list under <paramref name="key"/> (or the list, or this mapping).</summary>
    public YamlNode ItemNode(string key, int index) =>
        Value(key) is YamlSequenceNode sequence && index < sequence.Children.Count ? sequence.Children[index] : Value(key) ?? Node;

    /// <summary>
    /// Like <see cref="Strings"/>, but each value comes with its node so a later check can point at the item itself.
    /// </summary>
    public IReadOnlyList<(string Value, YamlNode Node)> StringItems(string key, bool required = false, string? fix = null)
    {
        var values = Strings(key, required, fix);
        if (Value(key) is not YamlSequenceNode sequence)
        {
            return [];
        }

        var nodes = sequence.Children.OfType<YamlScalarNode>().ToList();
        return [.. values.Select(v => (v, (YamlNode)(nodes.FirstOrDefault(n => n.Value == v) ?? (YamlNode)sequence)))];
    }

    /// <summary>A list of mappings, each parsed by <paramref name="parse"/> and checked for unknown keys.</summary>
    public IReadOnlyList<T> Items<T>(string key, KeySet itemKeys, Func<MappingReader, T?> parse, bool required = false, string? fix = null,
        string? emptyMessage = null)
        where T : class
    {
        var node = Value(key);
        if (node is null)
        {
            if (required)
            {
                Missing(key, fix ?? $"add `{key}:` with at least one entry.");
            }

            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(key, $"expected a list, found {Describe(node)}", fix ?? $"write each entry of `{key}` on its own line starting with `- `.");
            return [];
        }

        if (sequence.Children.Count == 0 && required)
        {
            Error(key, emptyMessage ?? "is an empty list", fix ?? $"add at least one entry to `{key}`.");
            return [];
        }

        var items = new List<T>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var reader = From(Context, sequence.Children[i], ItemPath(key, i), itemKeys);
            if (reader is null)
            {
                continue;
            }

            var item = parse(reader);
            reader.ReportUnknownKeys();
            if (item is not null)
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>A nested mapping; the caller must call <see cref="ReportUnknownKeys"/> on it (or use <see cref="Section{T}"/>).</summary>
    public MappingReader? Mapping(string key, KeySet keys)
    {
        var node = Value(key);
        return node is null ? null : From(Context, node, PathOf(key), keys);
    }

    /// <summary>A nested mapping parsed by <paramref name="parse"/> and checked for unknown keys; null when absent.</summary>
    public T? Section<T>(string key, KeySet keys, Func<MappingReader, T?> parse)
        where T : class
    {
        var reader = Mapping(key, keys);
        if (reader is null)
        {
            return null;
        }

        var value = parse(reader);
        reader.ReportUnknownKeys();
        return value;
    }

    /// <summary>A mapping of string to string, in key order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> StringMap(string key) =>
        [.. StringMapEntries(key).Select(e => new KeyValuePair<string, string>(e.Key, e.Value))];

    /// <summary>
    /// A mapping of string to string with the node of each key, in file order. A null value (<c>Owner:</c> or
    /// <c>Owner: ~</c>) is refused: it would become an empty string; an empty value must be written <c>""</c>.
    /// </summary>
    public IReadOnlyList<(string Key, string Value, YamlNode KeyNode)> StringMapEntries(string key)
    {
        var node = Value(key);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(key, $"expected a mapping, found {Describe(node)}", $"write `{key}:` followed by indented `name: value` lines.");
            return [];
        }

        var pairs = new List<(string, string, YamlNode)>();
        foreach (var (k, v) in mapping.Children)
        {
            var name = KeyText(k, PathOf(key));
            if (name is null)
            {
                continue;
            }

            var value = ScalarText(v, PathOf(key) + "." + name, $"give it a value (write \"\" for an empty one).", allowEmptyString: true);
            if (value is not null)
            {
                pairs.Add((name, value, k));
            }
        }

        return pairs;
    }

    /// <summary>
    /// The text of a mapping key, or null (with an error) when it is not a plain, non-empty string: a complex key
    /// (<c>? [a, b]</c>), a null key (<c>~:</c>) or an empty one (<c>"":</c>) names nothing the file could mean.
    /// </summary>
    public string? KeyText(YamlNode key, string path)
    {
        if (key is not YamlScalarNode scalar)
        {
            Context.Error(key, path, $"a key must be a plain string, found {Describe(key)}", "write the key as a plain word, e.g. `name:`.");
            return null;
        }

        if (IsNull(scalar) || scalar.Value is null || scalar.Value.Length == 0)
        {
            Context.Error(key, path, "a key is empty or null", "write the key as a plain word, e.g. `name:`.");
            return null;
        }

        if (HasEdgeWhitespace(scalar.Value))
        {
            Context.Error(key, path, $"the key '{scalar.Value}' starts or ends with whitespace", "remove the spaces inside the quotes.");
            return null;
        }

        return scalar.Value;
    }

    /// <summary>Reports every key of this mapping that its key set does not declare, suggesting the nearest known one.</summary>
    public void ReportUnknownKeys()
    {
        foreach (var (name, (keyNode, _)) in _entries)
        {
            if (_keys.Contains(name))
            {
                continue;
            }

            var nearest = KeySuggester.Nearest(name, _keys.Keys);
            var fix = nearest is not null
                ? $"did you mean `{nearest}`? Known keys here: {string.Join(", ", _keys.Keys)}."
                : $"remove it; known keys here: {string.Join(", ", _keys.Keys)}.";
            Context.Error(keyNode, PathOf(name), $"unknown key '{name}'", fix);
        }
    }

    public string ItemPath(string key, int index) => string.Create(CultureInfo.InvariantCulture, $"{PathOf(key)}[{index}]");

    /// <summary>
    /// The text of a single value. Refused: a list or mapping, a null (<c>~</c>, <c>null</c>, nothing), an empty
    /// string unless <paramref name="allowEmptyString"/>, and text with leading or trailing whitespace (IAM and EC2
    /// compare values literally, so <c>" us-east-1"</c> would never match: a Deny that never matches widens access).
    /// </summary>
    internal string? ScalarText(YamlNode node, string path, string fix, bool allowEmptyString = false, bool allowLineBreaks = false)
    {
        if (node is not YamlScalarNode scalar)
        {
            Context.Error(node, path, $"expected a single value, found {Describe(node)}", fix);
            return null;
        }

        if (IsNull(scalar))
        {
            Context.Error(node, path, "has no value (null)", fix);
            return null;
        }

        var text = scalar.Value ?? string.Empty;
        if (text.Length == 0 && !allowEmptyString)
        {
            Context.Error(node, path, "is an empty string", fix);
            return null;
        }

        if (HasEdgeWhitespace(text))
        {
            Context.Error(node, path, $"'{text}' starts or ends with whitespace, which would be kept literally",
                "remove the spaces inside the quotes.");
            return null;
        }

        // Invisible characters (zero-width spaces, direction overrides) and control characters make a value that
        // looks right but never matches; line breaks belong only in prose (a justification or description).
        var hidden = text.FirstOrDefault(c => IsHidden(c) || (!allowLineBreaks && c is '\n' or '\r'));
        if (hidden != default)
        {
            Context.Error(node, path, string.Create(CultureInfo.InvariantCulture, $"contains the invisible or control character U+{(int)hidden:X4}, which would be kept literally"),
                "retype the value without it.");
            return null;
        }

        return text;
    }

    private static bool IsHidden(char c) =>
        c is not ('\n' or '\r' or '\t') && char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format;

    /// <summary>A plain (unquoted) empty, <c>~</c> or <c>null</c> scalar is YAML's null.</summary>
    internal static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static bool HasEdgeWhitespace(string text) => text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));

    internal static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing",
        YamlScalarNode { Value: null or "" } => "an empty string",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    [GeneratedRegex(@"^(?<n>[0-9]{1,9})(?<unit>s|m|h)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
