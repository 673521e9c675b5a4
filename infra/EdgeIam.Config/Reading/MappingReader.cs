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
        foreach (var (key, value) in node.Children)
        {
            if (key is YamlScalarNode scalar && scalar.Value is { } name)
            {
                _entries[name] = (scalar, value);
            }
            else
            {
                context.Error(key, path, "a key must be a plain string", "write the key as a plain word, e.g. `name:`.");
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

        return ScalarText(node, PathOf(key), fix ?? $"give `{key}` a value.");
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
    public IReadOnlyList<string> Strings(string key, bool required = false, string? fix = null)
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

        var values = new List<string>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = ScalarText(sequence.Children[i], ItemPath(key, i), "write each item as a plain string.");
            if (item is not null)
            {
                values.Add(item);
            }
        }

        return values;
    }

    /// <summary>A list of mappings, each parsed by <paramref name="parse"/> and checked for unknown keys.</summary>
    public IReadOnlyList<T> Items<T>(string key, KeySet itemKeys, Func<MappingReader, T?> parse, bool required = false, string? fix = null)
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
    public IReadOnlyList<KeyValuePair<string, string>> StringMap(string key)
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

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (k, v) in mapping.Children)
        {
            var name = k is YamlScalarNode s ? s.Value : null;
            if (name is null)
            {
                Context.Error(k, PathOf(key), "a key must be a plain string", "write the key as a plain word.");
                continue;
            }

            var value = ScalarText(v, PathOf(key) + "." + name, "give it a string value.", allowEmpty: true);
            if (value is not null)
            {
                pairs.Add(new(name, value));
            }
        }

        return pairs;
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

    private string? ScalarText(YamlNode node, string path, string fix, bool allowEmpty = false)
    {
        if (node is not YamlScalarNode scalar)
        {
            Context.Error(node, path, $"expected a single value, found {Describe(node)}", fix);
            return null;
        }

        var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
        if (isNull && !allowEmpty)
        {
            Context.Error(node, path, "has no value", fix);
            return null;
        }

        return scalar.Value ?? string.Empty;
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    [GeneratedRegex(@"^(?<n>[0-9]{1,9})(?<unit>s|m|h)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
