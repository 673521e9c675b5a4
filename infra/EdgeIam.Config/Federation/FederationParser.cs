using EdgeIam.Config.Reading;
using EdgeIam.Config.Stack;

namespace EdgeIam.Config.Federation;

/// <summary>What the <c>oidc</c> and <c>crossAccount</c> sections of one stack file hold.</summary>
internal sealed record FederationConfig(OidcConfig? Oidc, IReadOnlyList<CrossAccountRoleConfig> CrossAccount);

/// <summary>
/// Parses the federation sections: <c>oidc</c> (providers, then the roles that trust them) and <c>crossAccount</c>.
/// Role names are checked across both, since they share the account's role namespace.
/// </summary>
internal static class FederationParser
{
    internal static readonly KeySet OidcKeys = new("oidc", "providers", "roles");

    public static FederationConfig Parse(MappingReader root, string? account, string? region)
    {
        var partition = region is null ? null : AwsRegions.PartitionOf(region);
        var names = new IamRoleNames();
        var oidc = root.Section("oidc", OidcKeys, o => ParseOidc(o, account, partition, names));
        var crossAccount = root.Items("crossAccount", CrossAccountParser.Keys, r => CrossAccountParser.Parse(r, account, partition, names));
        return new FederationConfig(oidc, crossAccount);
    }

    private static OidcConfig ParseOidc(MappingReader oidc, string? account, string? partition, IamRoleNames names)
    {
        var drafts = oidc.Items("providers", OidcProviderParser.Keys, p => OidcProviderParser.Parse(p, account, partition));
        var unique = CheckProvidersAreDistinct(oidc, drafts);
        var roles = oidc.Items("roles", OidcRoleParser.Keys, r => OidcRoleParser.Parse(r, unique, names));
        return new OidcConfig([.. unique.Select(d => d.Valid).OfType<OidcProviderConfig>()], roles);
    }

    /// <summary>
    /// Provider names must be unique (roles refer to them), and so must issuers: IAM keeps one provider per issuer
    /// URL per account, so a second one fails at deploy time (EntityAlreadyExists).
    /// </summary>
    private static List<OidcProviderDraft> CheckProvidersAreDistinct(MappingReader oidc, IReadOnlyList<OidcProviderDraft> drafts)
    {
        var result = new List<OidcProviderDraft>();
        foreach (var draft in drafts)
        {
            if (result.Any(d => d.Name == draft.Name))
            {
                oidc.Error("providers", $"two providers are named '{draft.Name}'", "give every provider its own name.");
                continue;
            }

            var sameIssuer = result.FirstOrDefault(d => d.HostPath is not null && d.HostPath == draft.HostPath);
            if (sameIssuer is not null)
            {
                oidc.Error("providers", $"providers '{sameIssuer.Name}' and '{draft.Name}' have the same issuer (https://{draft.HostPath}); IAM keeps one provider per issuer per account",
                    "merge them into one provider with all the audiences; roles pick theirs with `audience:`.");
                result.Add(draft with { Valid = null });
                continue;
            }

            result.Add(draft);
        }

        return result;
    }
}
