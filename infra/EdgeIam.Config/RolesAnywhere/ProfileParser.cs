using EdgeIam.Config.Iam;
using EdgeIam.Config.Reading;
using System.Text.RegularExpressions;

namespace EdgeIam.Config.RolesAnywhere;

/// <summary>Parses one <c>rolesAnywhere.profiles[]</c> entry; references to anchors and roles must name declared ones.</summary>
internal static partial class ProfileParser
{
    internal static readonly KeySet Keys = new(
        "rolesAnywhere.profiles[]",
        "name",
        "trustAnchors",
        "roles",
        "sessionDuration",
        "managedPolicies",
        "sessionPolicy",
        "requireInstanceProperties",
        "acceptRoleSessionName",
        "attributeMappings");

    internal static readonly KeySet AttributeMappingKeys = new(
        "rolesAnywhere.profiles[].attributeMappings", "x509Subject", "x509Issuer", "x509SAN");

    /// <summary>Profile DurationSeconds range and default (AWS::RolesAnywhere::Profile; CreateSession allows 900..43200 s).
    /// https://docs.aws.amazon.com/rolesanywhere/latest/userguide/authentication-create-session.html</summary>
    public const int MinSessionSeconds = 900;

    public const int MaxSessionSeconds = 43200;

    public const int DefaultSessionSeconds = 3600;

    public static RolesAnywhereProfileConfig? Parse(
        MappingReader profile, IReadOnlyList<DeclaredName> anchors, IReadOnlyList<DeclaredName> roles, List<DeclaredName> declared)
    {
        var errorsBefore = RolesAnywhereParser.ErrorCount(profile.Context);
        var name = RolesAnywhereParser.ParseName(profile, NamePattern(), "a profile name (1-64 letters, digits, '-' or '_')", "e.g. name: edge-device.", declared);
        var anchorNames = References(profile, "trustAnchors", "trust anchor", anchors, "rolesAnywhere.trustAnchors");
        var roleNames = References(profile, "roles", "role", roles, "rolesAnywhere.roles");
        var session = profile.DurationSeconds("sessionDuration", MinSessionSeconds, MaxSessionSeconds, "the Roles Anywhere session limit") ?? DefaultSessionSeconds;
        var managed = RoleAccessParser.ParseManagedPolicies(profile);

        var sessionPolicy = RoleAccessParser.ParseStatements(profile, "sessionPolicy", emptyMeansSomething: true);

        var requireInstanceProperties = profile.Bool("requireInstanceProperties", defaultValue: false);
        var acceptRoleSessionName = profile.Bool("acceptRoleSessionName", defaultValue: false);
        var mappings = profile.Section("attributeMappings", AttributeMappingKeys, ParseMappings) ?? [];

        return name is not null && RolesAnywhereParser.ErrorCount(profile.Context) == errorsBefore
            ? new RolesAnywhereProfileConfig(name, profile.Path, anchorNames, roleNames, session, managed, sessionPolicy,
                requireInstanceProperties, acceptRoleSessionName, mappings)
            : null;
    }

    private static List<string> References(MappingReader profile, string key, string what, IReadOnlyList<DeclaredName> declared, string section)
    {
        var names = new List<string>();
        var given = profile.Strings(key, required: true, fix: $"list the {what}s of this profile by name, e.g. {key}: [{declared.FirstOrDefault()?.Name ?? "name"}].");
        if (profile.Value(key) is YamlDotNet.RepresentationModel.YamlSequenceNode { Children.Count: 0 })
        {
            profile.Error(key, "is empty", $"list at least one {what} of {section}.");
        }

        foreach (var name in given)
        {
            if (!declared.Any(d => d.Name == name))
            {
                var nearest = KeySuggester.Nearest(name, declared.Select(d => d.Name));
                profile.Error(key, $"'{name}' is not a {what} declared in {section}",
                    (nearest is not null ? $"did you mean '{nearest}'? " : "") + $"Declared: {(declared.Count == 0 ? "none" : string.Join(", ", declared.Select(d => d.Name)))}.");
            }
            else if (names.Contains(name, StringComparer.Ordinal))
            {
                profile.Error(key, $"'{name}' is listed twice", "list each name once.");
            }
            else
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static List<AttributeMapping> ParseMappings(MappingReader mappings)
    {
        var result = new List<AttributeMapping>();
        foreach (var field in AttributeMappingKeys.Keys)
        {
            if (!mappings.Has(field))
            {
                continue;
            }

            var specifiers = mappings.Strings(field);
            if (specifiers.Count == 0)
            {
                mappings.Error(field, "lists no specifiers, which would map nothing from this field",
                    $"list what to map (e.g. {field}: [CN]), or remove `{field}` to keep the default mapping.");
                continue;
            }

            foreach (var specifier in specifiers.Where(s => !SpecifierPattern().IsMatch(s)))
            {
                mappings.Error(field, $"'{specifier}' is not a mapping specifier",
                    "use an attribute such as CN, OU, O, DNS, URI, an OID, or * for all.");
            }

            result.Add(new AttributeMapping(field, [.. specifiers.Distinct(StringComparer.Ordinal)]));
        }

        return result;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(\*|[A-Za-z0-9][A-Za-z0-9./*_-]{0,127})$", RegexOptions.CultureInvariant)]
    private static partial Regex SpecifierPattern();
}
