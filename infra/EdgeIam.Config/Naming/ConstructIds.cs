using System.Text;

namespace EdgeIam.Config.Naming;

/// <summary>
/// Construct IDs derived from stack-file names, in one place so the loader can check them before synth and the
/// constructs use exactly the same IDs. IDs become CloudFormation logical IDs (and the Roles Anywhere output keys
/// <c>edgeiam device-config</c> reads back), so the mapping must never change. Each method names the scope the ID is
/// unique in; two names that map to one ID in one scope are refused by the loader (<see cref="ConstructIdCollisions"/>).
/// </summary>
public static class ConstructIds
{
    /// <summary>Letters and digits of <paramref name="name"/>, each word capitalised: <c>edge-ca</c> → <c>EdgeCa</c>, <c>wl1-bos-wlz-1</c> → <c>Wl1BosWlz1</c>.</summary>
    public static string Pascal(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var result = new StringBuilder(name.Length);
        var startOfWord = true;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                startOfWord = true;
                continue;
            }

            result.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }

        return result.ToString();
    }

    /// <summary>An edge fleet, in the stack's scope: <c>video-analytics</c> → <c>FleetVideoAnalytics</c>.</summary>
    public static string Fleet(string fleetName) => "Fleet" + Pascal(fleetName);

    /// <summary>A Wavelength subnet, in the <c>Network</c> scope: <c>us-east-1-wl1-bos-wlz-1</c> → <c>Wl1BosWlz1</c>.</summary>
    public static string Subnet(string zone) => Pascal(Network.WavelengthZones.LocalName(zone));

    /// <summary>An OIDC provider, in the <c>Oidc/Providers</c> scope: the config name as is.</summary>
    public static string OidcProvider(string providerName) => providerName;

    /// <summary>A web-identity role, in the <c>Oidc/Roles</c> scope: the config name as is.</summary>
    public static string OidcRole(string roleName) => roleName;

    /// <summary>A cross-account role, in the <c>CrossAccount</c> scope: the config name as is.</summary>
    public static string CrossAccountRole(string roleName) => roleName;

    /// <summary>A Roles Anywhere trust anchor, in the <c>RolesAnywhere</c> scope.</summary>
    public static string TrustAnchor(string anchorName) => "TrustAnchor" + Pascal(anchorName);

    /// <summary>A Roles Anywhere role, in the <c>RolesAnywhere</c> scope.</summary>
    public static string RolesAnywhereRole(string roleName) => "Role" + Pascal(roleName);

    /// <summary>The device-prefix policy of a Roles Anywhere role, in the <c>RolesAnywhere</c> scope.</summary>
    public static string DevicePrefixPolicy(string roleName) => "DevicePrefix" + Pascal(roleName);

    /// <summary>A Roles Anywhere profile, in the <c>RolesAnywhere</c> scope.</summary>
    public static string Profile(string profileName) => "Profile" + Pascal(profileName);

    /// <summary>The stack output (construct ID and logical ID, in the <c>RolesAnywhere</c> scope) holding a trust anchor's ARN, e.g. <c>RolesAnywhereTrustAnchorEdgeCaArn</c>.</summary>
    public static string TrustAnchorOutput(string anchorName) => "RolesAnywhereTrustAnchor" + Pascal(anchorName) + "Arn";

    public static string ProfileOutput(string profileName) => "RolesAnywhereProfile" + Pascal(profileName) + "Arn";

    public static string RoleOutput(string roleName) => "RolesAnywhereRole" + Pascal(roleName) + "Arn";
}
