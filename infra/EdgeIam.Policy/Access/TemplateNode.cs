using System.Text.Json.Nodes;

namespace EdgeIam.Policy.Access;

/// <summary>
/// Small helpers over a template resource's raw JSON for the resource diff: literal values, canonical text of
/// intrinsics, a name a reviewer recognises.
/// </summary>
internal static class TemplateNode
{
    /// <summary>The text of a JSON string / number / bool, or null when absent or not a literal (an intrinsic).</summary>
    public static string? Literal(JsonNode? node) => node is JsonValue value ? value.ToString() : null;

    /// <summary>Canonical text, for equality of values the diff does not interpret (intrinsics, ARNs).</summary>
    public static string Canonical(JsonNode? node) => node is null ? "(none)" : node.ToJsonString();

    public static bool IsLiteralOrAbsent(JsonNode? node) => node is null or JsonValue;

    public static int? Int(JsonNode? node) =>
        node is JsonValue value && int.TryParse(value.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A property of an object; null for anything else (a JsonValue's indexer would throw on hostile input).</summary>
    public static JsonNode? Get(JsonNode? node, string key) => node is JsonObject o ? o[key] : null;

    public static IReadOnlyList<JsonNode?> Items(JsonNode? node) => node is JsonArray array ? [.. array] : node is null ? [] : [node];

    /// <summary>
    /// The explicit name property, else the CDK construct path without the stack and the L1 leaf
    /// (<c>FleetVideoAnalytics/LaunchTemplate</c>), with the logical ID.
    /// </summary>
    public static string Label(string logicalId, JsonObject resource, string? nameProperty)
    {
        var properties = resource["Properties"] as JsonObject;
        var name = nameProperty is null ? null : Literal(properties?[nameProperty]);
        if (name is null && Literal(Get(resource["Metadata"], "aws:cdk:path")) is { } path)
        {
            var segments = path.Split('/').Skip(1).ToList();
            if (segments.Count > 1 && segments[^1] is "Resource" or "Template" or "Group" or "Default")
            {
                segments.RemoveAt(segments.Count - 1);
            }

            name = segments.Count > 0 ? string.Join("/", segments) : null;
        }

        return name is null || name == logicalId ? logicalId : $"{name} ({logicalId})";
    }
}
