using EdgeIam.Config.Iam;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Federation;

/// <summary>Parses <c>oidc.roles[]</c>: which provider's tokens, which audience, which subjects.</summary>
internal static class OidcRoleParser
{
    internal static readonly KeySet Keys = new(
        "oidc.roles[]",
        ["name", "provider", "audience", "subjects", "conditions", "allowOrgWideSubjects", .. RoleAccessParser.Keys]);

    public static OidcRoleConfig? Parse(MappingReader role, IReadOnlyList<OidcProviderDraft> providers, IamRoleNames names)
    {
        var name = names.Read(role);
        var provider = ParseProvider(role, providers);
        var audience = ParseAudience(role, provider);
        var allowOrgWide = role.Bool("allowOrgWideSubjects", defaultValue: false);
        var subjects = ParseSubjects(role, provider?.Preset ?? OidcPreset.Generic, allowOrgWide, checkFormat: provider is not null);
        var conditions = OidcClaimConditions.Parse(role, provider?.Preset ?? OidcPreset.Generic, provider?.HostPath);
        var access = RoleAccessParser.Parse(role);

        if (name is null || provider?.Valid is null || audience is null || subjects is null)
        {
            return null;
        }

        return new OidcRoleConfig(name, role.Path, provider.Valid, audience, subjects, conditions, allowOrgWide, access);
    }

    private static OidcProviderDraft? ParseProvider(MappingReader role, IReadOnlyList<OidcProviderDraft> providers)
    {
        var names = providers.Select(p => p.Name).ToList();
        var fix = names.Count == 0
            ? "declare the provider under oidc.providers and name it here."
            : $"use one of: {string.Join(", ", names)}.";
        var name = role.String("provider", required: true, fix: fix);
        if (name is null)
        {
            return null;
        }

        var provider = providers.FirstOrDefault(p => p.Name == name);
        if (provider is null)
        {
            var nearest = KeySuggester.Nearest(name, names);
            role.Error("provider", $"there is no provider named '{name}' in oidc.providers",
                nearest is not null ? $"did you mean {nearest}? " + fix : fix);
        }

        return provider;
    }

    /// <summary>The aud every trust statement pins: required when the provider accepts several audiences.</summary>
    private static string? ParseAudience(MappingReader role, OidcProviderDraft? provider)
    {
        var audience = role.String("audience");
        if (provider is null || provider.Audiences.Count == 0)
        {
            return audience;
        }

        if (audience is null)
        {
            if (provider.Audiences.Count == 1)
            {
                return provider.Audiences[0];
            }

            role.Missing("audience", $"provider '{provider.Name}' accepts several audiences; pin one: {string.Join(", ", provider.Audiences)}.");
            return null;
        }

        if (!provider.Audiences.Contains(audience, StringComparer.Ordinal))
        {
            role.Error("audience", $"'{audience}' is not an audience of provider '{provider.Name}'",
                $"use one of: {string.Join(", ", provider.Audiences)} (or add it to the provider's audiences).");
            return null;
        }

        return audience;
    }

    private static List<string>? ParseSubjects(MappingReader role, OidcPreset preset, bool allowOrgWide, bool checkFormat)
    {
        const string example = "e.g. subjects: [\"repo:acme/edge-app:ref:refs/heads/main\"].";
        var subjects = role.Strings("subjects", required: true,
            fix: "list who may assume the role (the token's sub claim); without subjects any identity of the issuer could, " + example,
            emptyMessage: "an empty subject list would let any identity of the issuer assume the role");
        if (!role.Has("subjects"))
        {
            return null;
        }

        // An empty list, or one whose every item was refused, is already an error (reported by Strings).
        var ok = subjects.Count > 0;

        for (var i = 0; i < subjects.Count; i++)
        {
            var subject = subjects[i];
            var problem = Violation(subject, preset, allowOrgWide, checkFormat);
            if (problem is null && subjects.Take(i).Contains(subject, StringComparer.Ordinal))
            {
                problem = new RuleViolation($"subject '{subject}' is listed twice", "list each subject once.");
            }

            if (problem is not null)
            {
                role.Context.Error(YamlNodes.Item(role.Value("subjects"), i), role.ItemPath("subjects", i), problem.Message, problem.Fix);
                ok = false;
            }
        }

        if (allowOrgWide && ok && !subjects.Any(s => IsOrgWide(s, preset)))
        {
            role.Warning("allowOrgWideSubjects", "no subject of this role is org-wide, so the opt-in is not needed",
                "remove `allowOrgWideSubjects` so a later wildcard is reviewed again.");
        }

        return ok ? [.. subjects] : null;
    }

    /// <summary>The rule <paramref name="subject"/> breaks, if any; provider formats only when the provider is known.</summary>
    private static RuleViolation? Violation(string subject, OidcPreset preset, bool allowOrgWide, bool checkFormat)
    {
        if (SubjectPatterns.IsOnlyWildcards(subject))
        {
            return new RuleViolation($"subject '{subject}' matches every identity of the issuer",
                "name the repository/project and ref, e.g. subjects: [\"repo:acme/edge-app:ref:refs/heads/main\"].");
        }

        if (subject.Any(char.IsWhiteSpace))
        {
            return new RuleViolation($"subject '{subject}' contains whitespace; token subjects never do", "remove the spaces.");
        }

        return !checkFormat
            ? null
            : preset switch
            {
                OidcPreset.GitHub => GitHubSubjectRules.Check(subject, allowOrgWide),
                OidcPreset.GitLab => GitLabSubjectRules.Check(subject, allowOrgWide),
                _ => null,
            };
    }

    private static bool IsOrgWide(string subject, OidcPreset preset) =>
        preset switch
        {
            OidcPreset.GitHub => GitHubSubjectRules.Check(subject, allowOrgWide: false) is not null,
            OidcPreset.GitLab => GitLabSubjectRules.Check(subject, allowOrgWide: false) is not null,
            _ => true,
        };

    private static bool Fail(MappingReader role, string message, string fix)
    {
        role.Error("subjects", message, fix);
        return false;
    }
}
