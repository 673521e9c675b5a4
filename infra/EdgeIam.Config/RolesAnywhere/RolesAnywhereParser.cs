using System.Text.RegularExpressions;
using EdgeIam.Config.Naming;
using EdgeIam.Config.Reading;
using YamlDotNet.RepresentationModel;

namespace EdgeIam.Config.RolesAnywhere;

/// <summary>A name declared in a list (anchor, profile, role) with where it is, for cross-reference messages.</summary>
internal sealed record DeclaredName(string Name, string KeyPath, YamlNode Node);

/// <summary>
/// Parses the <c>rolesAnywhere</c> section and checks what spans entries: unique names, every anchor and role used by
/// a profile, each role's trust anchors (the anchors of the profiles that use it), and attribute mappings that keep
/// the certificate CN a role's conditions read.
/// </summary>
internal static class RolesAnywhereParser
{
    internal static readonly KeySet Keys = new("rolesAnywhere", "trustAnchors", "profiles", "roles");

    /// <summary>Every key set of the section, for <see cref="ConfigVocabulary"/>.</summary>
    internal static IReadOnlyList<KeySet> KeySets { get; } =
    [
        Keys,
        TrustAnchorParser.Keys,
        ProfileParser.Keys,
        ProfileParser.AttributeMappingKeys,
        RolesAnywhereRoleParser.Keys,
        RolesAnywhereRoleParser.DevicePrefixKeys,
    ];

    /// <summary>
    /// Roles Anywhere does not tie a profile to trust anchors: CreateSession accepts any profile that lists the role,
    /// with a certificate from any anchor the role trusts (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html).
    /// So a role in profiles with different anchor sets lets each anchor's devices pick the other profile's session
    /// settings. Legal, but rarely what the author meant: warn.
    /// </summary>
    private static void WarnOnMixedAnchorSets(ConfigContext context, IReadOnlyList<RolesAnywhereProfileConfig> profiles, List<DeclaredName> roles)
    {
        foreach (var role in roles)
        {
            var inProfiles = profiles.Where(p => p.RoleNames.Contains(role.Name, StringComparer.Ordinal)).ToList();
            var sets = inProfiles.Select(p => string.Join(",", p.TrustAnchorNames.Order(StringComparer.Ordinal))).Distinct(StringComparer.Ordinal).Count();
            if (sets > 1)
            {
                context.Warning(role.Node, role.KeyPath + ".name",
                    $"role '{role.Name}' is in profiles {string.Join(", ", inProfiles.Select(p => p.Name))} with different trust anchors; Roles Anywhere lets a certificate of any of those anchors use any of those profiles (and their session settings)",
                    "give each anchor set its own role if the profiles' session duration or policies must differ.");
            }
        }
    }

    public static RolesAnywhereConfig? Parse(MappingReader section, string? region)
    {
        var errorsBefore = ErrorCount(section.Context);
        var anchorNames = new List<DeclaredName>();
        var roleNames = new List<DeclaredName>();
        var profileNames = new List<DeclaredName>();

        var anchors = section.Items("trustAnchors", TrustAnchorParser.Keys, a => TrustAnchorParser.Parse(a, region, anchorNames), required: true,
            fix: "add `trustAnchors:` with the CA devices chain to, e.g. `- { name: edge-ca, certificate: pki/dev/issuing-ca.crt }`.");
        var roles = section.Items("roles", RolesAnywhereRoleParser.Keys, r => RolesAnywhereRoleParser.Parse(r, roleNames), required: true,
            fix: "add `roles:` with the roles devices assume, e.g. `- { name: EdgeDeviceRole, allowedSubjects: [\"sensor-*\"] }`.");
        var profileErrorsBefore = ErrorCount(section.Context);
        var profiles = section.Items("profiles", ProfileParser.Keys, p => ProfileParser.Parse(p, anchorNames, roleNames, profileNames), required: true,
            fix: "add `profiles:` linking anchors to roles, e.g. `- { name: edge-device, trustAnchors: [edge-ca], roles: [EdgeDeviceRole] }`.");

        var anchorIds = RequireUniqueNames(section.Context, anchorNames, "trust anchor")
            .SelectMany(d => Ids(d, "trust anchor", ConstructIds.TrustAnchor, ConstructIds.TrustAnchorOutput));
        var roleIds = RequireUniqueNames(section.Context, roleNames, "role")
            .SelectMany(d => Ids(d, "role", ConstructIds.RolesAnywhereRole, ConstructIds.DevicePrefixPolicy, ConstructIds.RoleOutput));
        var profileIds = RequireUniqueNames(section.Context, profileNames, "profile")
            .SelectMany(d => Ids(d, "profile", ConstructIds.Profile, ConstructIds.ProfileOutput));
        ConstructIdCollisions.Report(section.Context, "RolesAnywhere", [.. anchorIds, .. roleIds, .. profileIds]);

        // Usage and mapping checks need every profile: with a broken one they would only repeat its error.
        if (ErrorCount(section.Context) == profileErrorsBefore)
        {
            RequireUsed(section.Context, anchorNames, profiles, p => p.TrustAnchorNames, "trust anchor", "trustAnchors",
                "an anchor no profile uses lets no device in, yet is one more CA the account trusts");
            RequireUsed(section.Context, roleNames, profiles, p => p.RoleNames, "role", "roles",
                "a role no profile names cannot be reached through Roles Anywhere, yet trusts the service");
            RequireMappedCommonNames(section.Context, profiles, roles, profileNames);
            WarnOnMixedAnchorSets(section.Context, profiles, roleNames);
        }

        if (ErrorCount(section.Context) != errorsBefore)
        {
            return null;
        }

        // A role trusts exactly the anchors of the profiles that list it, in declaration order.
        var lockedRoles = roles.Select(role => role with
        {
            TrustAnchorNames = [.. anchors.Select(a => a.Name).Where(anchor =>
                profiles.Any(p => p.RoleNames.Contains(role.Name, StringComparer.Ordinal) && p.TrustAnchorNames.Contains(anchor, StringComparer.Ordinal)))],
        }).ToList();
        return new RolesAnywhereConfig(anchors, profiles, lockedRoles);
    }

    internal static int ErrorCount(ConfigContext context) => context.Diagnostics.Items.Count(d => d.IsError);

    /// <summary>Reads <c>name</c> and records it in <paramref name="declared"/> (even when the rest of the entry is invalid).</summary>
    internal static string? ParseName(MappingReader entry, Regex pattern, string what, string example, List<DeclaredName> declared)
    {
        var name = entry.Matching("name", pattern, what, "give it a name: " + example, required: true);
        if (name is not null)
        {
            declared.Add(new DeclaredName(name, entry.Path, entry.Value("name")!));
        }

        return name;
    }

    /// <summary>Reports names declared twice; returns the first declaration of each name.</summary>
    private static List<DeclaredName> RequireUniqueNames(ConfigContext context, List<DeclaredName> declared, string what)
    {
        var unique = new List<DeclaredName>();
        foreach (var entry in declared)
        {
            var earlier = unique.FirstOrDefault(d => d.Name == entry.Name);
            if (earlier is not null)
            {
                context.Error(entry.Node, entry.KeyPath + ".name", $"{what} '{entry.Name}' is declared twice (first at {earlier.KeyPath})",
                    $"give every {what} its own name.");
                continue;
            }

            unique.Add(entry);
        }

        return unique;
    }

    /// <summary>The construct IDs (and stack output keys) a declared name becomes; see <see cref="ConstructIds"/>.</summary>
    private static IEnumerable<DerivedId> Ids(DeclaredName declared, string what, params Func<string, string>[] derive) =>
        derive.Select(d => new DerivedId(d(declared.Name), $"{what} '{declared.Name}'", declared.KeyPath + ".name", declared.Node));

    private static void RequireUsed(
        ConfigContext context, List<DeclaredName> declared, IReadOnlyList<RolesAnywhereProfileConfig> profiles,
        Func<RolesAnywhereProfileConfig, IReadOnlyList<string>> uses, string what, string key, string why)
    {
        foreach (var item in declared.Where(d => !profiles.Any(p => uses(p).Contains(d.Name, StringComparer.Ordinal))))
        {
            context.Error(item.Node, item.KeyPath + ".name", $"{what} '{item.Name}' is not used by any profile: {why}",
                $"add '{item.Name}' to the `{key}` of a profile, or remove it.");
        }
    }

    /// <summary>
    /// A custom mapping that drops <c>CN</c> leaves <c>aws:PrincipalTag/x509Subject/CN</c> (or <c>x509Issuer/CN</c>)
    /// unset, so a role conditioned on it could never be assumed through that profile.
    /// https://docs.aws.amazon.com/rolesanywhere/latest/userguide/attribute-mappping-and-trust-policy.html
    /// </summary>
    private static void RequireMappedCommonNames(
        ConfigContext context, IReadOnlyList<RolesAnywhereProfileConfig> profiles, IReadOnlyList<RolesAnywhereRoleConfig> roles, List<DeclaredName> profileNames)
    {
        foreach (var profile in profiles)
        {
            var node = profileNames.First(d => d.KeyPath == profile.KeyPath).Node;
            var profileRoles = roles.Where(r => profile.RoleNames.Contains(r.Name, StringComparer.Ordinal)).ToList();
            Check("x509Subject", profileRoles.Where(r => r.UsesSubjectCommonName), "allowedSubjects or devicePrefix");
            Check("x509Issuer", profileRoles.Where(r => r.AllowedIssuers.Count > 0), "allowedIssuers");

            void Check(string field, IEnumerable<RolesAnywhereRoleConfig> needing, string reason)
            {
                var mapping = profile.AttributeMappings.FirstOrDefault(m => m.CertificateField == field);
                var names = needing.Select(r => r.Name).ToList();
                if (mapping is null || mapping.MapsCommonName || names.Count == 0)
                {
                    return;
                }

                context.Error(node, $"{profile.KeyPath}.attributeMappings.{field}",
                    $"maps {field} without CN, but role(s) {string.Join(", ", names)} read aws:PrincipalTag/{field}/CN ({reason}): the tag would be missing and the role could never be assumed through profile '{profile.Name}'",
                    $"add CN to {field}, or remove `{field}` to keep the default mapping (all of it).");
            }
        }
    }
}
