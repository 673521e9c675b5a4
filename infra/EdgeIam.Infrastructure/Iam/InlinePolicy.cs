using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace EdgeIam.Infrastructure.Iam;

/// <summary>
/// An <c>AWS::IAM::Policy</c> attached to one role, written as the L2 <c>Policy</c> writes it (construct
/// <c>&lt;id&gt;/Resource</c>, the same logical ID, <c>PolicyName</c> the logical ID) from a plain document, without
/// the L2's round trips to node.
/// </summary>
internal static partial class InlinePolicy
{
    /// <summary>The L2 policy names a policy after the last 128 characters of its logical ID (IAM's limit).</summary>
    private const int MaxPolicyName = 128;

    /// <summary>
    /// Creates <paramref name="id"/>/Resource under <paramref name="scope"/>; <paramref name="scopePath"/> is the scope's
    /// construct path and <paramref name="stackPath"/> that of the stack (nested or not) whose template holds it.
    /// </summary>
    public static CfnPolicy Create(Construct scope, string scopePath, string stackPath, string id, IReadOnlyList<IamStatement> statements, string roleName)
    {
        var holder = new Construct(scope, id);
        // The L2 names the policy after its logical ID, which CDK derives from the stack-relative construct path
        // (nested or not); computed here with CDK's own algorithm instead of asking node for the token and setting it
        // back (two round trips per role). Only an ID longer than IAM's 128 characters is cut, to its last 128.
        var logicalId = MakeUniqueId((scopePath + "/" + id + "/Resource")[(stackPath.Length + 1)..].Split('/'));
        return new CfnPolicy(holder, "Resource", new CfnPolicyProps
        {
            PolicyDocument = PolicyJson.Document(statements),
            PolicyName = LastChars(logicalId, MaxPolicyName),
            Roles = [roleName],
        });
    }

    /// <summary>CDK's <c>makeUniqueId</c> (core/lib/private/uniqueid.ts) of a stack-relative construct path.</summary>
    internal static string MakeUniqueId(IReadOnlyList<string> components)
    {
        var kept = components.Where(c => c != "Default").ToList();
        if (kept.Count == 1 && NonAlphanumeric().Replace(kept[0], "") is { Length: <= 255 } candidate)
        {
            return candidate;
        }

        var hash = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(string.Join('/', kept))))[..8];
        var human = new List<string>();
        foreach (var component in kept)
        {
            if (human.Count == 0 || !human[^1].EndsWith(component, StringComparison.Ordinal))
            {
                human.Add(component);
            }
        }

        var text = string.Concat(human.Where(c => c != "Resource").Select(c => NonAlphanumeric().Replace(c, "")));
        return (text.Length > 240 ? text[..240] : text) + hash;
    }

    private static string LastChars(string text, int count) => text.Length <= count ? text : text[^count..];

    [GeneratedRegex("[^A-Za-z0-9]")]
    private static partial Regex NonAlphanumeric();
}
