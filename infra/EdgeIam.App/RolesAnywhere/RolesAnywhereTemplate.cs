using System.Globalization;
using System.Text.Json;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;
using EdgeIam.Shared;

namespace EdgeIam.App.RolesAnywhere;

/// <summary>
/// A trust anchor as CreateSession sees it: the engine's <see cref="TrustAnchorResource"/> plus what the engine does
/// not model, read from the raw template (<c>Source.SourceData.X509CertificateData</c> for a CERTIFICATE_BUNDLE,
/// <c>AcmPcaArn</c> for AWS_ACM_PCA). See
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rolesanywhere-trustanchor.html.
/// </summary>
internal sealed record RaAnchor(TrustAnchorResource Resource, string? ConfigName, string DisplayName, string? CertificateBundle, string? PcaArn)
{
    /// <summary>The name a stack file and assertions use (Metadata <c>edgeiam:trustAnchor</c>), else Name or logical ID.</summary>
    public string Key => ConfigName ?? Resource.Name ?? Resource.LogicalId;

    /// <summary>Whether this is the anchor the stack file calls <paramref name="name"/> (or its Name or logical ID).</summary>
    public bool IsNamed(string name) => Key == name || Resource.Name == name || Resource.LogicalId == name;
}

/// <summary>An imported CRL (<c>AWS::RolesAnywhere::CRL</c>): the anchor it belongs to and its data (PEM or base64 DER).</summary>
internal sealed record RaCrl(string LogicalId, string Name, string? AnchorLogicalId, bool Enabled, string? Data);

/// <summary>
/// A profile (<c>AWS::RolesAnywhere::Profile</c>) with what CreateSession uses of it: enabled, role ARNs (as role
/// logical IDs; null for an ARN the template does not tie to one of its roles), duration, attribute mappings
/// (null: the service defaults), session policy and managed policies.
/// </summary>
internal sealed record RaProfile(
    string LogicalId,
    string DisplayName,
    bool Enabled,
    IReadOnlyList<(string? LogicalId, string Text)> Roles,
    int? DurationSeconds,
    bool RequireInstanceProperties,
    bool AcceptRoleSessionName,
    IReadOnlyList<(string Field, IReadOnlyList<string> Specifiers)>? AttributeMappings,
    string? SessionPolicy,
    IReadOnlyList<string> ManagedPolicyArns);

/// <summary>The Roles Anywhere resources of one synthesized stack, read from its template file.</summary>
internal sealed class RolesAnywhereTemplate
{
    private RolesAnywhereTemplate(StackTemplate stack, IReadOnlyList<RaAnchor> anchors, IReadOnlyList<RaCrl> crls, IReadOnlyList<RaProfile> profiles)
    {
        Stack = stack;
        Anchors = anchors;
        Crls = crls;
        Profiles = profiles;
    }

    public StackTemplate Stack { get; }

    public IReadOnlyList<RaAnchor> Anchors { get; }

    public IReadOnlyList<RaCrl> Crls { get; }

    public IReadOnlyList<RaProfile> Profiles { get; }

    /// <summary>Loads <c>EdgeIam-&lt;stack&gt;.template.json</c> of <paramref name="assemblyDir"/> with its nested stacks' templates; throws <see cref="TemplateException"/> on bad input.</summary>
    public static RolesAnywhereTemplate Load(string assemblyDir, string stackName)
    {
        var assembly = AssemblyReader.Load(assemblyDir, [stackName]);
        var stack = assembly.Stacks[0];
        // Every template of the stack: anchors, CRLs and profiles may sit in a nested stack's template (issue 15).
        var bytes = AssemblyReader.ReadMergedTemplate(stack.FilePath);

        using var document = JsonDocument.Parse(bytes);
        var anchors = new List<RaAnchor>();
        var crls = new List<RaCrl>();
        var profiles = new List<RaProfile>();
        if (!document.RootElement.TryGetProperty("Resources", out var resources) || resources.ValueKind != JsonValueKind.Object)
        {
            return new RolesAnywhereTemplate(stack, anchors, crls, profiles);
        }

        foreach (var resource in resources.EnumerateObject())
        {
            var value = resource.Value;
            var type = value.TryGetProperty("Type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var properties = value.TryGetProperty("Properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            switch (type)
            {
                case "AWS::RolesAnywhere::TrustAnchor":
                    var engine = stack.TrustAnchors.FirstOrDefault(a => a.LogicalId == resource.Name);
                    if (engine is null)
                    {
                        continue;
                    }

                    var source = Property(properties, "Source");
                    var data = Property(source, "SourceData");
                    var config = NonEmptyString(Property(value, "Metadata"), EdgeIamMetadata.TrustAnchor);
                    var display = config is not null ? $"{config} ({engine.LogicalId})" : engine.LogicalId;
                    anchors.Add(new RaAnchor(engine, config, display, NonEmptyString(data, "X509CertificateData"), NonEmptyString(data, "AcmPcaArn")));
                    break;
                case "AWS::RolesAnywhere::CRL":
                    crls.Add(new RaCrl(resource.Name, NonEmptyString(properties, "Name") ?? resource.Name,
                        properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("TrustAnchorArn", out var arn) ? Reference(arn) : null,
                        Bool(properties, "Enabled", true), NonEmptyString(properties, "CrlData")));
                    break;
                case "AWS::RolesAnywhere::Profile":
                    profiles.Add(ReadProfile(resource.Name, value, properties));
                    break;
                default:
                    break;
            }
        }

        return new RolesAnywhereTemplate(stack, [.. anchors.OrderBy(a => a.Resource.LogicalId, StringComparer.Ordinal)], crls, [.. profiles.OrderBy(p => p.LogicalId, StringComparer.Ordinal)]);
    }

    /// <summary>By stack-file name (Metadata <c>edgeiam:profile</c>), Name or logical ID.</summary>
    public RaProfile? FindProfile(string name) =>
        Profiles.FirstOrDefault(p => p.DisplayName == name) ?? Profiles.FirstOrDefault(p => p.LogicalId == name);

    public RaAnchor? FindAnchor(string name) => Anchors.FirstOrDefault(a => a.Key == name) ?? Anchors.FirstOrDefault(a => a.IsNamed(name));

    private static RaProfile ReadProfile(string id, JsonElement resource, JsonElement properties)
    {
        var metadata = Property(resource, "Metadata");
        var name = NonEmptyString(metadata, EdgeIamMetadata.Profile) ?? NonEmptyString(properties, "Name") ?? id;
        var roles = new List<(string?, string)>();
        if (Property(properties, "RoleArns") is { ValueKind: JsonValueKind.Array } arns)
        {
            foreach (var arn in arns.EnumerateArray())
            {
                roles.Add((Reference(arn), arn.ValueKind == JsonValueKind.String ? arn.GetString()! : arn.GetRawText()));
            }
        }

        int? duration = Property(properties, "DurationSeconds") switch
        {
            { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var s) => s,
            { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => v,
            _ => null,
        };
        List<(string, IReadOnlyList<string>)>? mappings = null;
        if (Property(properties, "AttributeMappings") is { ValueKind: JsonValueKind.Array } list)
        {
            mappings = [];
            foreach (var mapping in list.EnumerateArray())
            {
                var field = NonEmptyString(mapping, "CertificateField") ?? "?";
                var specifiers = Property(mapping, "MappingRules") is { ValueKind: JsonValueKind.Array } rules
                    ? rules.EnumerateArray().Select(r => NonEmptyString(r, "Specifier")).OfType<string>().ToList()
                    : [];
                mappings.Add((field, specifiers));
            }
        }

        var managed = Property(properties, "ManagedPolicyArns") is { ValueKind: JsonValueKind.Array } policies
            ? policies.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText()).ToList()
            : [];
        var sessionPolicy = Property(properties, "SessionPolicy") switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Object } o => o.GetRawText(),
            _ => null,
        };
        return new RaProfile(id, name, Bool(properties, "Enabled", false), roles, duration, Bool(properties, "RequireInstanceProperties", false),
            Bool(properties, "AcceptRoleSessionName", false), mappings, sessionPolicy, managed);
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? NonEmptyString(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } s && s.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>A boolean property; absent means <paramref name="absent"/>, anything not a literal boolean means false (fail closed).</summary>
    private static bool Bool(JsonElement element, string name, bool absent) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.Undefined } => absent,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.String } s => string.Equals(s.GetString(), "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static string? Reference(JsonElement element) => DeviceTrust.ReferencedLogicalId(element);
}
