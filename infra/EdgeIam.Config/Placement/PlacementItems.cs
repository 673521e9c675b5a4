using EdgeIam.Config.Iam;
using EdgeIam.Config.Stack;

namespace EdgeIam.Config.Placement;

/// <summary>
/// The items of a stack that can move to a nested template, and what the rest of the stack (network, OIDC providers,
/// trust anchors, CRLs, profiles: shared by many roles, so they stay in the top-level template) costs. The counts
/// mirror what the constructs create; a test synthesizes the shipped stacks and compares every item's count with its
/// construct's resources, so the two cannot drift apart.
/// </summary>
public static class PlacementItems
{
    public const string Fleets = "edgeFleets";
    public const string OidcRoles = "oidc.roles";
    public const string CrossAccountRoles = "crossAccount";
    public const string RolesAnywhereRoles = "rolesAnywhere.roles";

    /// <summary>Every movable item in construction order (fleets, OIDC roles, cross-account roles, Roles Anywhere roles).</summary>
    public static IReadOnlyList<PlacementItem> Of(StackConfig stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var items = new List<PlacementItem>();
        foreach (var fleet in stack.EdgeFleets)
        {
            // Role (+ inline policy), instance profile, security group, launch template, one instance per count;
            // outputs RoleArn and InstanceIds stay with the fleet.
            var resources = Role(fleet.Access) + 3 + fleet.Count;
            items.Add(Same(Key(Fleets, fleet.Name), fleet.KeyPath, new TemplateCost(resources, 2)));
        }

        foreach (var role in stack.Oidc?.Roles ?? [])
        {
            items.Add(Same(Key(OidcRoles, role.Name), role.KeyPath, new TemplateCost(Role(role.Access), 0)));
        }

        foreach (var role in stack.CrossAccount)
        {
            items.Add(Same(Key(CrossAccountRoles, role.Name), role.KeyPath, new TemplateCost(Role(role.Access), 0)));
        }

        if (stack.RolesAnywhere is { } rolesAnywhere)
        {
            var listed = rolesAnywhere.Profiles.SelectMany(p => p.RoleNames).ToHashSet(StringComparer.Ordinal);
            foreach (var role in rolesAnywhere.Roles)
            {
                var resources = Role(role.Access) + (role.DevicePrefix is null ? 0 : 1);

                // In the top-level template the role has a stack output with its ARN (device-config reads it); in a
                // nested template the CDK adds an output for the ARN a top-level profile lists instead.
                items.Add(new PlacementItem(Key(RolesAnywhereRoles, role.Name), role.KeyPath,
                    new TemplateCost(resources, 1),
                    new TemplateCost(resources, listed.Contains(role.Name) ? 1 : 0)));
            }
        }

        return items;
    }

    /// <summary>What stays in the top-level template whatever the placement (without the nested-stack resources).</summary>
    public static TemplateCost Fixed(StackConfig stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var cost = new TemplateCost(0, 0);
        if (stack.Network is { } network)
        {
            // VPC and carrier gateway unless existing; per zone a subnet, route table, association and route. Outputs:
            // VpcId, CarrierGatewayId and a SubnetId per zone.
            cost += new TemplateCost(
                (network.ExistingVpcId is null ? 1 : 0) + (network.ExistingCarrierGatewayId is null ? 1 : 0) + (4 * network.WavelengthZones.Count),
                2 + network.WavelengthZones.Count);
        }

        cost += new TemplateCost(stack.Oidc?.Providers.Count ?? 0, 0);
        if (stack.RolesAnywhere is { } rolesAnywhere)
        {
            // An anchor (+ its CRL) and a profile each have an output with their ARN.
            cost += new TemplateCost(
                rolesAnywhere.TrustAnchors.Count + rolesAnywhere.TrustAnchors.Count(a => a.Crl is not null) + rolesAnywhere.Profiles.Count,
                rolesAnywhere.TrustAnchors.Count + rolesAnywhere.Profiles.Count);
        }

        // Identity resources stay in the top-level template: container, service and SAML roles (role + inline
        // policy), Pod Identity associations, SAML providers, permission sets and assignments.
        var containerRoles = stack.EdgeFleets.SelectMany(f => f.ContainerRoles).ToList();
        cost += new TemplateCost(
            containerRoles.Sum(r => Role(r.Access)) + containerRoles.Count(r => r.Cluster is not null)
            + stack.ServiceRoles.Sum(r => Role(r.Access))
            + (stack.Saml is { } saml ? saml.Providers.Count + saml.Roles.Sum(r => Role(r.Access)) : 0)
            + (stack.IdentityCenter is { } ic ? ic.PermissionSets.Count + ic.Assignments.Sum(a => (a.Groups.Count + a.Users.Count) * a.Accounts.Count) : 0),
            0);
        return cost;
    }

    public static string Key(string section, string name) => section + "/" + name;

    private static int Role(RoleAccess access) => 1 + (access.Permissions.Count > 0 ? 1 : 0);

    private static PlacementItem Same(string key, string keyPath, TemplateCost cost) => new(key, keyPath, cost, cost);
}
