using System.Text.Json;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Templates;

/// <summary>
/// Why a statement may use <c>*</c>: the resource's Metadata <c>"edgeiam:justifications": {"&lt;Sid&gt;": "why"}</c>,
/// or a cdk-nag suppression (<c>Metadata.cdk_nag.rules_to_suppress</c>) with a written reason.
/// </summary>
internal sealed class Justifications
{
    public const string MetadataKey = EdgeIamMetadata.Justifications;

    /// <summary>Tag form, one tag per statement: <c>{"Key": "edgeiam:justification/&lt;Sid&gt;", "Value": "why"}</c>.</summary>
    public const string TagPrefix = EdgeIamMetadata.JustificationTagPrefix;

    private static readonly string[] WildcardRuleIds = ["AwsSolutions-IAM5", "EIAM-PERM-001"];

    private readonly Dictionary<string, string> _bySid;
    private readonly List<string> _suppressionReasons;

    private Justifications(Dictionary<string, string> bySid, List<string> suppressionReasons)
    {
        _bySid = bySid;
        _suppressionReasons = suppressionReasons;
    }

    public static Justifications None { get; } = new(new(StringComparer.Ordinal), []);

    public IReadOnlyDictionary<string, string> BySid => _bySid;

    /// <summary>Reads Metadata <c>edgeiam:justifications</c>, cdk-nag suppressions and <c>edgeiam:justification/&lt;Sid&gt;</c> tags.</summary>
    public static Justifications FromMetadata(JsonElement resource)
    {
        var bySid = new Dictionary<string, string>(StringComparer.Ordinal);
        if (resource.ValueKind == JsonValueKind.Object && resource.TryGetProperty("Properties", out var properties)
            && properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("Tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
        {
            foreach (var tag in tags.EnumerateArray())
            {
                if (tag.ValueKind == JsonValueKind.Object && tag.TryGetProperty("Key", out var key) && key.ValueKind == JsonValueKind.String
                    && key.GetString()!.StartsWith(TagPrefix, StringComparison.Ordinal)
                    && tag.TryGetProperty("Value", out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
                {
                    bySid[key.GetString()![TagPrefix.Length..]] = value.GetString()!;
                }
            }
        }

        if (resource.ValueKind != JsonValueKind.Object || !resource.TryGetProperty("Metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return bySid.Count == 0 ? None : new Justifications(bySid, []);
        }

        if (metadata.TryGetProperty(MetadataKey, out var justified) && justified.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in justified.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(entry.Value.GetString()))
                {
                    bySid[entry.Name] = entry.Value.GetString()!;
                }
            }
        }

        var reasons = new List<string>();
        if (metadata.TryGetProperty("cdk_nag", out var nag) && nag.ValueKind == JsonValueKind.Object
            && nag.TryGetProperty("rules_to_suppress", out var rules) && rules.ValueKind == JsonValueKind.Array)
        {
            foreach (var rule in rules.EnumerateArray())
            {
                if (rule.ValueKind == JsonValueKind.Object
                    && rule.TryGetProperty("id", out var id) && WildcardRuleIds.Contains(id.GetString(), StringComparer.Ordinal)
                    && rule.TryGetProperty("reason", out var reason) && !string.IsNullOrWhiteSpace(reason.GetString()))
                {
                    reasons.Add(reason.GetString()!);
                }
            }
        }

        return new Justifications(bySid, reasons);
    }

    /// <summary>
    /// The written reason for a statement, or null. A Sid entry always counts; a blanket cdk-nag suppression counts
    /// for scoped wildcards but never for full admin (<c>Action *</c> on <c>Resource *</c>), which needs its own Sid entry.
    /// </summary>
    public string? ReasonFor(string? sid, bool fullAdmin)
    {
        if (sid is not null && _bySid.TryGetValue(sid, out var reason))
        {
            return reason;
        }

        return !fullAdmin && _suppressionReasons.Count > 0 ? _suppressionReasons[0] : null;
    }

    public Justifications Merge(Justifications other)
    {
        if (ReferenceEquals(other, None))
        {
            return this;
        }

        var bySid = new Dictionary<string, string>(_bySid, StringComparer.Ordinal);
        foreach (var (sid, reason) in other._bySid)
        {
            bySid.TryAdd(sid, reason);
        }

        return new Justifications(bySid, [.. _suppressionReasons, .. other._suppressionReasons]);
    }
}
