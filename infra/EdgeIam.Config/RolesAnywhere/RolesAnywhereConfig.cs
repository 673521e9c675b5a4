namespace EdgeIam.Config.RolesAnywhere;

/// <summary>
/// The <c>rolesAnywhere</c> section: trust anchors (CAs devices chain to), profiles (which anchors may reach which
/// roles, for how long) and roles locked to exactly the anchors of the profiles that use them. Immutable, validated.
/// </summary>
public sealed record RolesAnywhereConfig(
    IReadOnlyList<TrustAnchorConfig> TrustAnchors,
    IReadOnlyList<RolesAnywhereProfileConfig> Profiles,
    IReadOnlyList<RolesAnywhereRoleConfig> Roles);
