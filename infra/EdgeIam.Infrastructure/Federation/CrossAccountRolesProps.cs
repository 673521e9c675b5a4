using EdgeIam.Config.Federation;

namespace EdgeIam.Infrastructure.Federation;

/// <summary>Properties of <see cref="CrossAccountRoles"/>. Immutable.</summary>
/// <param name="Roles">The stack's <c>crossAccount</c> roles.</param>
internal sealed record CrossAccountRolesProps(IReadOnlyList<CrossAccountRoleConfig> Roles);
