using System.Text;

namespace EdgeIam.Config.RolesAnywhere;

/// <summary>
/// Stable names derived from config names: construct IDs and the stack output keys that `edgeiam device-config`
/// reads back from <c>cdk deploy --outputs-file</c>. Changing them changes deployed stacks: treat as contract.
/// </summary>
public static class RolesAnywhereNames
{
    public const string ServicePrincipal = "rolesanywhere.amazonaws.com";

    /// <summary>Output key holding a trust anchor's ARN, e.g. <c>RolesAnywhereTrustAnchorEdgeCaArn</c>.</summary>
    public static string TrustAnchorOutput(string name) => "RolesAnywhereTrustAnchor" + Pascal(name) + "Arn";

    public static string ProfileOutput(string name) => "RolesAnywhereProfile" + Pascal(name) + "Arn";

    public static string RoleOutput(string name) => "RolesAnywhereRole" + Pascal(name) + "Arn";

    /// <summary>Letters and digits of <paramref name="name"/>, each word capitalised: <c>edge-ca</c> → <c>EdgeCa</c>.</summary>
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
}
