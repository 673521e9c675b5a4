namespace EdgeIam.Policy.Evaluation;

/// <summary>
/// The role side of an assume-role request: the trust policy's decision, whether the caller's own identity policy
/// must also allow the call, and notes in words.
/// </summary>
public sealed record TrustDecision(EvaluationResult Result, bool IdentityPolicyRequired, IReadOnlyList<string> Notes)
{
    public Decision Decision => Result.Decision;

    public bool IsAllowed => Result.IsAllowed;
}
