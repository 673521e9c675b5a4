using EdgeIam.Config.RolesAnywhere;

namespace EdgeIam.Infrastructure.RolesAnywhere;

/// <summary>Properties of <see cref="RolesAnywhereResources"/>. Immutable.</summary>
/// <param name="Config">The validated <c>rolesAnywhere</c> section (every reference resolved, every role's anchors derived).</param>
internal sealed record RolesAnywhereResourcesProps(RolesAnywhereConfig Config);
