using EdgeIam.Config.Identity;

namespace EdgeIam.Infrastructure.Identity;

/// <summary>Properties of <see cref="IdentityCenter"/>. Immutable.</summary>
/// <param name="Config">The stack's <c>identityCenter</c> section.</param>
internal sealed record IdentityCenterProps(IdentityCenterConfig Config);
