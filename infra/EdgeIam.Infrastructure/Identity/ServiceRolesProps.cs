using EdgeIam.Config.Identity;

namespace EdgeIam.Infrastructure.Identity;

/// <summary>Properties of <see cref="ServiceRoles"/>. Immutable.</summary>
/// <param name="Roles">The stack's <c>serviceRoles</c>.</param>
internal sealed record ServiceRolesProps(IReadOnlyList<ServiceRoleConfig> Roles);
