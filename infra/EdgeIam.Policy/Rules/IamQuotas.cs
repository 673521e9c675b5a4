namespace EdgeIam.Policy.Rules;

/// <summary>
/// IAM quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): characters are counted
/// without whitespace. Symbolic values are counted as written, so sizes near a limit are approximate.
/// </summary>
internal static class IamQuotas
{
    /// <summary>Role trust policy length (default quota; can be raised to 4096).</summary>
    public const int TrustPolicyCharacters = 2048;

    /// <summary>All inline policies of one role together.</summary>
    public const int InlinePolicyCharacters = 10240;

    /// <summary>One managed policy's document (customer managed; a permissions boundary is one).</summary>
    public const int ManagedPolicyCharacters = 6144;

    /// <summary>Managed policies attached to one role (default quota; can be raised to 20).</summary>
    public const int ManagedPoliciesPerRole = 10;
}
