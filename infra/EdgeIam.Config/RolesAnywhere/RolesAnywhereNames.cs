using EdgeIam.Config.Naming;

namespace EdgeIam.Config.RolesAnywhere;

/// <summary>
/// Names of the Roles Anywhere section that other tools read back: the service principal and the stack output keys
/// that `edgeiam device-config` reads from <c>cdk deploy --outputs-file</c> (derived in <see cref="ConstructIds"/>).
/// Changing them changes deployed stacks: treat as contract.
/// </summary>
public static class RolesAnywhereNames
{
    public const string ServicePrincipal = "rolesanywhere.amazonaws.com";

    /// <summary>Output key holding a trust anchor's ARN, e.g. <c>RolesAnywhereTrustAnchorEdgeCaArn</c>.</summary>
    public static string TrustAnchorOutput(string name) => ConstructIds.TrustAnchorOutput(name);

    public static string ProfileOutput(string name) => ConstructIds.ProfileOutput(name);

    public static string RoleOutput(string name) => ConstructIds.RoleOutput(name);

    /// <summary>Letters and digits of <paramref name="name"/>, each word capitalised: <c>edge-ca</c> → <c>EdgeCa</c>.</summary>
    public static string Pascal(string name) => ConstructIds.Pascal(name);
}
