using EdgeIam.Config.Reading;
using EdgeIam.Config.Stack;

namespace EdgeIam.Config;

/// <summary>Every key set the loader accepts, by schema path. A test proves the JSON Schema declares exactly these.</summary>
public static class ConfigVocabulary
{
    public static IReadOnlyList<KeySet> All { get; } =
    [
        StackFileParser.Keys,
        TargetsParser.Keys,
        AccountQuotasParser.Keys,
        Iam.RoleAccessParser.StatementKeys,
        Network.NetworkParser.Keys,
        Network.NetworkParser.ZoneKeys,
        Compute.EdgeFleetParser.Keys,
        Compute.SecurityGroupRuleParser.IngressKeys,
        Compute.SecurityGroupRuleParser.EgressKeys,
        Federation.FederationParser.OidcKeys,
        Federation.OidcProviderParser.Keys,
        Federation.OidcRoleParser.Keys,
        Federation.CrossAccountParser.Keys,
        .. RolesAnywhere.RolesAnywhereParser.KeySets,
        Identity.ServiceRoleParser.Keys,
        Identity.ContainerRoleParser.TaskKeys,
        Identity.ContainerRoleParser.PodKeys,
        Identity.SamlParser.Keys,
        Identity.SamlParser.ProviderKeys,
        Identity.SamlParser.RoleKeys,
        Identity.IdentityCenterParser.Keys,
        Identity.IdentityCenterParser.PermissionSetKeys,
        Identity.IdentityCenterParser.AssignmentKeys,
    ];
}
