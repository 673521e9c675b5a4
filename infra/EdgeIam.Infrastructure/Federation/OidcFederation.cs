using Constructs;
using EdgeIam.Config.Naming;
using EdgeIam.Config.Placement;
using EdgeIam.Infrastructure.Iam;

namespace EdgeIam.Infrastructure.Federation;

/// <summary>
/// The <c>oidc</c> section: one <see cref="OidcProvider"/> per configured provider (under <c>Providers</c>) and one
/// <see cref="EdgeRole"/> per web-identity role (under <c>Roles</c>). Construct IDs are the config names (<see cref="ConstructIds"/>).
/// </summary>
internal sealed class OidcFederation : Construct
{
    public OidcFederation(Construct scope, string id, OidcFederationProps props)
        : base(scope, id)
    {
        var providerScope = new Construct(this, "Providers");
        var providers = props.Config.Providers.ToDictionary(
            p => p.Name,
            p => new OidcProvider(providerScope, ConstructIds.OidcProvider(p.Name), new OidcProviderProps(p)),
            StringComparer.Ordinal);

        var roleScope = new Construct(this, "Roles");
        var stack = EdgeIamStack.Containing(this);
        foreach (var role in props.Config.Roles)
        {
            var provider = providers[role.Provider.Name];
            _ = new EdgeRole(stack.Shards.ScopeFor(roleScope, PlacementItems.Key(PlacementItems.OidcRoles, role.Name)), ConstructIds.OidcRole(role.Name), new EdgeRoleProps(
                role.KeyPath,
                role.Name,
                $"Web identity role for {role.Provider.Issuer} (EdgeIam {role.KeyPath})",
                WebIdentityTrust.Statements(provider, role),
                role.Access,
                role.AllowOrgWideSubjects
                    ? new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        [WebIdentityTrust.PatternSid] = $"allowOrgWideSubjects: true at {role.KeyPath} in {stack.Config.SourceFile}",
                    }
                    : null));
        }

        Providers = providers;
    }

    /// <summary>The providers by config name.</summary>
    public IReadOnlyDictionary<string, OidcProvider> Providers { get; }
}
