using EdgeIam.Config.Federation;
using EdgeIam.Config.Reading;
using EdgeIam.Config.Stack;

namespace EdgeIam.Config.Identity;

/// <summary>What the <c>serviceRoles</c>, <c>saml</c> and <c>identityCenter</c> sections of one stack file hold.</summary>
internal sealed record IdentitySectionsConfig(IReadOnlyList<ServiceRoleConfig> ServiceRoles, SamlConfig? Saml, IdentityCenterConfig? IdentityCenter);

/// <summary>Hands each identity section to its own parser; role names are unique within each section, and across sections by <see cref="RoleNames.Check"/>.</summary>
internal static class IdentitySections
{
    public static IdentitySectionsConfig Parse(MappingReader root, string? account, string? region)
    {
        var partition = region is null ? null : AwsRegions.PartitionOf(region);
        var serviceNames = new IamRoleNames();
        var serviceRoles = root.Items("serviceRoles", ServiceRoleParser.Keys, r => ServiceRoleParser.Parse(r, account, partition, serviceNames));
        var saml = root.Section("saml", SamlParser.Keys, s => SamlParser.Parse(s, region, new IamRoleNames()));
        var identityCenter = root.Section("identityCenter", IdentityCenterParser.Keys, IdentityCenterParser.Parse);
        return new IdentitySectionsConfig(serviceRoles, saml, identityCenter);
    }
}
