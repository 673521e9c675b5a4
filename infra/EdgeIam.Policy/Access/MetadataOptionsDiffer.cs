using System.Text.Json.Nodes;

namespace EdgeIam.Policy.Access;

/// <summary>
/// IMDS options of launch templates, launch configurations and instances: tokens no longer required, a larger hop
/// limit (containers and forwarded traffic reach the credentials), instance tags exposed or the endpoint switched on
/// all widen who on the host can read the instance role's credentials.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-launchtemplate-metadataoptions.html
/// </summary>
internal static class MetadataOptionsDiffer
{
    private const string Area = "imds";
    private const string LaunchTemplate = "AWS::EC2::LaunchTemplate";
    private const string LaunchConfiguration = "AWS::AutoScaling::LaunchConfiguration";
    private const string Instance = "AWS::EC2::Instance";

    // Fail closed on absent values: HttpTokens defaults to "optional" unless the AMI says v2.0, which the template
    // cannot show; HttpEndpoint "enabled"; hop limit 1; InstanceMetadataTags "disabled" (defaults on the page above).
    private static readonly (string Key, string Name, string Default, string[] LooserOrder)[] Settings =
    [
        ("HttpTokens", "httpTokens", "optional", ["required", "optional"]),
        ("HttpEndpoint", "httpEndpoint", "enabled", ["disabled", "enabled"]),
        ("InstanceMetadataTags", "instanceMetadataTags", "disabled", ["disabled", "enabled"]),
    ];

    public static IEnumerable<AccessChange> Diff(string stack, RawStack before, RawStack after)
    {
        var b = before.OfType(LaunchTemplate, LaunchConfiguration, Instance).ToDictionary(r => r.LogicalId, r => r.Resource, StringComparer.Ordinal);
        var a = after.OfType(LaunchTemplate, LaunchConfiguration, Instance).ToDictionary(r => r.LogicalId, r => r.Resource, StringComparer.Ordinal);
        foreach (var id in b.Keys.Union(a.Keys).Order(StringComparer.Ordinal))
        {
            b.TryGetValue(id, out var old);
            a.TryGetValue(id, out var @new);
            var resource = (@new ?? old)!;
            var label = TemplateNode.Label(id, resource, NameProperty(TemplateNode.Literal(resource["Type"])));
            var oldOptions = old is null ? null : Options(old);
            var newOptions = @new is null ? null : Options(@new);
            if (old is null || @new is null)
            {
                // New or removed compute: said only when it sets IMDS options (an instance of a launch template
                // inherits the template's, which are diffed on the template).
                if ((oldOptions ?? newOptions) is { } options)
                {
                    yield return new AccessChange(stack, label, Area, old is null ? ChangeKind.Added : ChangeKind.Removed,
                        old is null ? $"new metadata options: {Describe(options)}" : "metadata options removed with the resource", []);
                }

                continue;
            }

            if (TemplateNode.Canonical(oldOptions) == TemplateNode.Canonical(newOptions))
            {
                continue;
            }

            var bo = oldOptions ?? [];
            var ao = newOptions ?? [];
            foreach (var (key, name, fallback, order) in Settings)
            {
                var bv = Value(bo[key], fallback);
                var av = Value(ao[key], fallback);
                if (bv != av)
                {
                    var bi = Array.IndexOf(order, bv);
                    var ai = Array.IndexOf(order, av);
                    var kind = bi >= 0 && ai >= 0 && ai < bi ? ChangeKind.Narrowed : ChangeKind.Widened;
                    yield return new AccessChange(stack, label, Area, kind, $"{name} {bv} -> {av}", []);
                }
            }

            var bh = bo["HttpPutResponseHopLimit"];
            var ah = ao["HttpPutResponseHopLimit"];
            var bhv = TemplateNode.Int(bh) ?? (bh is null ? 1 : null);
            var ahv = TemplateNode.Int(ah) ?? (ah is null ? 1 : null);
            if (bhv != ahv || (bhv is null && TemplateNode.Canonical(bh) != TemplateNode.Canonical(ah)))
            {
                var kind = bhv is { } x && ahv is { } y && y < x ? ChangeKind.Narrowed : ChangeKind.Widened;
                yield return new AccessChange(stack, label, Area, kind, $"hop limit {Hop(bh)} -> {Hop(ah)}", []);
            }

            foreach (var key in ao.Select(p => p.Key).Union(bo.Select(p => p.Key)).Where(k => !Known(k)).Order(StringComparer.Ordinal))
            {
                if (TemplateNode.Canonical(bo[key]) != TemplateNode.Canonical(ao[key]))
                {
                    yield return new AccessChange(stack, label, Area, ChangeKind.Widened, $"{key} {TemplateNode.Canonical(bo[key])} -> {TemplateNode.Canonical(ao[key])} (cannot prove narrower)", []);
                }
            }
        }
    }

    private static bool Known(string key) => key == "HttpPutResponseHopLimit" || Settings.Any(s => s.Key == key);

    private static string? NameProperty(string? type) => type switch
    {
        LaunchTemplate => "LaunchTemplateName",
        LaunchConfiguration => "LaunchConfigurationName",
        _ => null,
    };

    private static JsonObject? Options(JsonObject resource)
    {
        var properties = resource["Properties"] as JsonObject;
        var container = TemplateNode.Literal(resource["Type"]) == LaunchTemplate ? TemplateNode.Get(properties, "LaunchTemplateData") as JsonObject : properties;
        return TemplateNode.Get(container, "MetadataOptions") as JsonObject;
    }

    private static string Value(JsonNode? node, string fallback) => node is null ? fallback : TemplateNode.Literal(node) ?? TemplateNode.Canonical(node);

    private static string Hop(JsonNode? node) => node is null ? "1 (default)" : TemplateNode.Literal(node) ?? TemplateNode.Canonical(node);

    private static string Describe(JsonObject options) =>
        string.Join(", ", Settings.Select(s => $"{s.Name} {Value(options[s.Key], s.Default)}").Append($"hop limit {Hop(options["HttpPutResponseHopLimit"])}"));
}
