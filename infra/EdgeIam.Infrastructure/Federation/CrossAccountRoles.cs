using Constructs;
using EdgeIam.Config.Naming;
using EdgeIam.Config.Placement;
using EdgeIam.Infrastructure.Iam;

namespace EdgeIam.Infrastructure.Federation;

/// <summary>The <c>crossAccount</c> section: one <see cref="EdgeRole"/> per role, each trusting its callers behind the external ID.</summary>
internal sealed class CrossAccountRoles : Construct
{
    public CrossAccountRoles(Construct scope, string id, CrossAccountRolesProps props)
        : base(scope, id)
    {
        var stack = EdgeIamStack.Containing(this);
        foreach (var role in props.Roles)
        {
            var callers = role.TrustedAccounts.Count + role.TrustedPrincipals.Count;
            _ = new EdgeRole(stack.Shards.ScopeFor(this, PlacementItems.Key(PlacementItems.CrossAccountRoles, role.Name)), ConstructIds.CrossAccountRole(role.Name), new EdgeRoleProps(
                role.KeyPath,
                role.Name,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Cross-account role for {callers} trusted caller(s), external ID required (EdgeIam {role.KeyPath})"),
                [CrossAccountTrust.Statement(role, stack.Config.Partition)],
                role.Access));
        }
    }
}
