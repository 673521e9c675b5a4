using EdgeIam.Config.Compute;

namespace EdgeIam.Infrastructure.Identity;

/// <summary>Properties of <see cref="ContainerRoles"/>. Immutable.</summary>
/// <param name="Fleet">The fleet whose containers receive the roles.</param>
internal sealed record ContainerRolesProps(EdgeFleetConfig Fleet);
