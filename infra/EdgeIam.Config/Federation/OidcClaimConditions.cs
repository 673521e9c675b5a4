using System.Text.RegularExpressions;
using EdgeIam.Config.Iam;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Federation;

/// <summary>
/// Validates the extra claim conditions of an OIDC role (<c>oidc.roles[].conditions</c>) and turns claim names into
/// the provider's condition keys (<c>job_workflow_ref</c> → <c>token.actions.githubusercontent.com:job_workflow_ref</c>).
/// </summary>
public static partial class OidcClaimConditions
{
    /// <summary>
    /// GitHub claims AWS STS evaluates in trust policies (besides aud and sub), since January 2026:
    /// https://aws.amazon.com/about-aws/whats-new/2026/01/aws-sts-supports-validation-identity-provider-claims/.
    /// A condition on any other claim finds no key in the request context and never matches.
    /// </summary>
    public static readonly IReadOnlyList<string> GitHubClaims =
        ["actor", "actor_id", "enterprise_id", "environment", "job_workflow_ref", "ref", "repository", "repository_id", "workflow"];

    /// <summary>Claims that hold a list (Amazon Cognito's <c>amr</c>); every other web-identity claim is single-valued.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif</summary>
    private static readonly string[] MultiValuedClaims = ["amr"];

    /// <summary>Operators that only grant when the claim is present and matches; ForAllValues: is added for multi-valued claims.</summary>
    private static readonly string[] PositiveOperators = ["StringEquals", "StringLike", "ForAnyValue:StringEquals", "ForAnyValue:StringLike"];

    /// <summary>
    /// Parses <c>conditions</c> of <paramref name="role"/>. <paramref name="hostPath"/> is the provider's issuer
    /// without https:// (null when the provider is invalid: validation still runs, nothing is returned).
    /// </summary>
    public static IReadOnlyList<PolicyCondition> Parse(MappingReader role, OidcPreset preset, string? hostPath)
    {
        var node = role.Value("conditions");
        var parsed = RoleAccessParser.ParseConditions(role);
        var result = new List<PolicyCondition>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var condition in parsed)
        {
            var path = role.PathOf("conditions") + "." + condition.Operator + "." + condition.Key;
            var at = YamlNodes.ConditionKey(node, condition.Operator, condition.Key);
            var claim = ClaimOf(condition.Key, hostPath);
            if (claim is null)
            {
                role.Context.Error(at, path, $"'{condition.Key}' is not a claim of this role's provider",
                    hostPath is null
                        ? "write the claim name alone, e.g. job_workflow_ref."
                        : $"write the claim name alone (e.g. job_workflow_ref) or prefixed with the provider, {hostPath}:job_workflow_ref.");
                continue;
            }

            if (Problem(condition.Operator, claim, preset) is { } problem)
            {
                role.Context.Error(at, path, problem.Message, problem.Fix);
                continue;
            }

            // `job_workflow_ref` and `<issuer>:job_workflow_ref` name one condition key: IAM would see it twice.
            if (!seen.Add(condition.Operator + "\n" + claim))
            {
                role.Context.Error(at, path, $"the claim '{claim}' is already conditioned under {condition.Operator} (with or without the provider prefix)",
                    "write the claim once and list all its values under it.");
                continue;
            }

            if (hostPath is not null)
            {
                result.Add(condition with { Key = hostPath + ":" + claim });
            }
        }

        return result;
    }

    private static string? ClaimOf(string key, string? hostPath)
    {
        if (hostPath is not null && key.StartsWith(hostPath + ":", StringComparison.Ordinal))
        {
            key = key[(hostPath.Length + 1)..];
        }

        return ClaimPattern().IsMatch(key) ? key : null;
    }

    private static RuleViolation? Problem(string op, string claim, OidcPreset preset)
    {
        if (claim is "sub" or "aud")
        {
            return new RuleViolation($"'{claim}' is set by this role's `{(claim == "sub" ? "subjects" : "audience")}`; a second condition on it would be ANDed with it",
                claim == "sub" ? "list the values in `subjects` (exact values and patterns are kept in separate, ORed statements)." : "set `audience:` on the role.");
        }

        var multiValued = MultiValuedClaims.Contains(claim, StringComparer.Ordinal);
        if (op.StartsWith("ForAllValues:", StringComparison.Ordinal) && !multiValued)
        {
            return new RuleViolation($"ForAllValues: on the single-valued claim '{claim}' is true when the claim is absent, so it grants instead of restricting",
                $"use StringEquals or StringLike for '{claim}'.");
        }

        var allowed = multiValued ? [.. PositiveOperators, "ForAllValues:StringEquals", "ForAllValues:StringLike"] : PositiveOperators;
        if (!allowed.Contains(op, StringComparer.Ordinal))
        {
            return new RuleViolation($"'{op}' cannot pin a token claim: negated and ...IfExists operators are true when the claim is absent, other operator families do not apply to claims",
                "list the values you allow with StringEquals (exact) or StringLike (wildcards).");
        }

        return preset switch
        {
            OidcPreset.GitHub when !GitHubClaims.Contains(claim, StringComparer.Ordinal) => new RuleViolation(
                $"AWS STS does not evaluate the GitHub claim '{claim}', so this condition would never match",
                $"use one of {string.Join(", ", GitHubClaims)}, or encode it in the subject (GitHub subject customization)."),
            OidcPreset.GitLab => new RuleViolation(
                $"AWS STS evaluates only aud and sub of GitLab tokens, not '{claim}', so this condition would never match",
                "express the constraint in `subjects` (project_path:GROUP/PROJECT:ref_type:TYPE:ref:REF)."),
            _ => null,
        };
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClaimPattern();
}
