using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EdgeIam.Config.Tests.Schema;

/// <summary>
/// Turns YAML into the JSON an editor's YAML language server validates against the schema. yaml-language-server
/// (the VS Code YAML extension, and the language servers of other editors) reads YAML 1.2 with the core schema by
/// default (https://github.com/redhat-developer/yaml-language-server#language-server-settings, <c>yaml.yamlVersion</c>),
/// so a plain <c>123</c> is a number, <c>true</c> a boolean, <c>~</c> null, and anything quoted a string
/// (https://yaml.org/spec/1.2.2/#1023-core-schema). Keys become strings; a null key becomes <c>""</c>.
/// </summary>
internal static partial class YamlToJson
{
    /// <summary>The JSON of the single document of <paramref name="yaml"/>; null when it is not one valid YAML document.</summary>
    public static JsonNode? Convert(string yaml, out string? problem)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            problem = "YAML: " + ex.Message;
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            problem = $"{stream.Documents.Count} YAML documents";
            return null;
        }

        problem = null;
        return ToJson(stream.Documents[0].RootNode);
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToObject(mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException("unexpected YAML node " + node.GetType().Name),
    };

    private static JsonObject ToObject(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            // A complex key (`? [a, b]`) has no JSON form; the language server stringifies it (and warns).
            var name = key is YamlScalarNode s ? (Scalar(s) is { } k ? KeyText(s, k) : "") : "[" + key + "]";
            result[name] = ToJson(value);
        }

        return result;
    }

    private static string KeyText(YamlScalarNode scalar, JsonNode key) =>
        key.GetValueKind() == System.Text.Json.JsonValueKind.String ? key.GetValue<string>() : scalar.Value ?? "";

    /// <summary>The core schema's tag resolution: only plain scalars without an explicit tag are resolved.</summary>
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || (tag is null && scalar.Style != ScalarStyle.Plain) || tag is "!")
        {
            return JsonValue.Create(text);
        }

        if (NullPattern().IsMatch(text))
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (DecimalIntPattern().IsMatch(text))
        {
            return Number(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        if (text.StartsWith("0o", StringComparison.Ordinal) && OctalPattern().IsMatch(text))
        {
            return Number(text[2..].Aggregate(BigInteger.Zero, (n, c) => (n * 8) + (c - '0')));
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && HexPattern().IsMatch(text))
        {
            return Number(BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        }

        if (FloatPattern().IsMatch(text))
        {
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        // .inf and .nan have no JSON form; an editor cannot validate them as numbers either.
        return JsonValue.Create(text);
    }

    private static JsonNode Number(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? JsonValue.Create((long)value) : JsonValue.Create((decimal)value);

    [GeneratedRegex(@"^(~|null|Null|NULL|)$", RegexOptions.CultureInvariant)]
    private static partial Regex NullPattern();

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalIntPattern();

    [GeneratedRegex(@"^0o[0-7]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OctalPattern();

    [GeneratedRegex(@"^0x[0-9a-fA-F]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HexPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
