namespace EdgeIam.Policy.Rules;

/// <summary>
/// What the rules know about condition keys: which are single-valued (set operators on them are a mistake, see
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
/// </summary>
internal static class ConditionKeys
{
    private static readonly HashSet<string> MultivaluedGlobalKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:TagKeys", "aws:PrincipalOrgPaths", "aws:PrincipalServiceNamesList", "aws:CalledVia", "sts:TransitiveTagKeys",
    };

    private static readonly HashSet<string> SingleValuedStsKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "sts:ExternalId", "sts:RoleSessionName", "sts:SourceIdentity",
    };

    /// <summary>True when the key is known to carry at most one value; unknown service keys return false.</summary>
    public static bool IsKnownSingleValued(string key)
    {
        if (MultivaluedGlobalKeys.Contains(key) || key.EndsWith(":amr", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)
            || SingleValuedStsKeys.Contains(key)
            || key.EndsWith(":sub", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith(":aud", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith(":azp", StringComparison.OrdinalIgnoreCase);
    }
}
