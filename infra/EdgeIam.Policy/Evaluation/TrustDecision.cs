namespace EdgeIam.Policy.Evaluation;

/// <summary>
/// The role side of an assume-role request: the trust policy's decision, whether the caller's own identity policy
/// must also allow the call, and notes in words. <see cref="IsProved"/> is false when the answer depends on a value
/// the template does not fix (an unresolved intrinsic, a parameter, an <c>Fn::If</c> on a deploy-time condition):
/// then neither "allowed" nor "denied" is claimed.
/// </summary>
public sealed record TrustDecision
{
    internal TrustDecision(EvaluationResult result, bool identityPolicyRequired, IReadOnlyList<string> notes)
    {
        Result = result;
        IdentityPolicyRequired = identityPolicyRequired;
        Notes = notes;
    }

    /// <summary>Every statement's evaluation; rendered for callers by <see cref="Reports.CanAssumeReport"/>.</summary>
    internal EvaluationResult Result { get; init; }

    /// <summary>True when the caller's own identity policy must also allow the call (a principal of this or another account).</summary>
    public bool IdentityPolicyRequired { get; init; }

    public IReadOnlyList<string> Notes { get; init; }

    /// <summary>True when STS refuses the caller before any policy is read (the account root user).</summary>
    public bool RefusedBySts { get; init; }

    /// <summary>What the answer depends on when it cannot be proved; empty when it is proved.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    public bool IsProved => DependsOn.Count == 0;

    public Decision Decision => RefusedBySts ? Decision.ImplicitlyDenied : Result.Decision;

    /// <summary>Allowed, and proved so: an undetermined answer is never reported as allowed or as safe.</summary>
    public bool IsAllowed => !RefusedBySts && IsProved && Result.IsAllowed;

    /// <summary>"Allowed", "ExplicitlyDenied", "ImplicitlyDenied", or "Undetermined" when it cannot be proved.</summary>
    public string Outcome => IsProved ? Decision.ToString() : "Undetermined";
}
