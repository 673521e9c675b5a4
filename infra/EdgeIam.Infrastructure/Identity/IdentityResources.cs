using EdgeIam.Config.Stack;

namespace EdgeIam.Infrastructure.Identity;

/// <summary>Composes the <c>serviceRoles</c>, <c>saml</c> and <c>identityCenter</c> sections (all in the top-level template).</summary>
internal static class IdentityResources
{
    public static void AddTo(EdgeIamStack stack, StackConfig config)
    {
        if (config.ServiceRoles.Count > 0)
        {
            _ = new ServiceRoles(stack, "ServiceRoles", new ServiceRolesProps(config.ServiceRoles));
        }

        if (config.Saml is { } saml)
        {
            _ = new SamlFederation(stack, "Saml", new SamlFederationProps(saml));
        }

        if (config.IdentityCenter is { } identityCenter)
        {
            _ = new IdentityCenter(stack, "IdentityCenter", new IdentityCenterProps(identityCenter));
        }
    }
}
