using EdgeIam.Config.RolesAnywhere;

namespace EdgeIam.Infrastructure.RolesAnywhere;

/// <summary>Properties of a <see cref="RolesAnywhereProfile"/>. Immutable.</summary>
/// <param name="Profile">The validated profile.</param>
/// <param name="RoleArns">ARNs (tokens) of the profile's roles, in the profile's order; at least one.</param>
internal sealed record RolesAnywhereProfileProps(RolesAnywhereProfileConfig Profile, IReadOnlyList<string> RoleArns);
