using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation;

/// <summary>
/// Evaluates a role's trust policy for one caller. A trust policy that names the caller's account delegates to that
/// account, so the caller's identity policy must also allow the call; the same holds for any caller from another
/// account (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
/// </summary>
public static class TrustEvaluator
{
    public static TrustDecision Evaluate(CompiledPolicy trust, AccessRequest request, string? roleAccount = null)
    {
        var result = PolicyEvaluator.Evaluate(trust, request);
        var notes = new List<string>();
        var identityRequired = false;
        if (result.IsAllowed)
        {
            var caller = request.Principal;
            var deciding = result.Deciding;
            if (deciding.Any(d => d.Principal == PrincipalMatch.Account))
            {
                identityRequired = true;
                notes.Add($"The trust policy names account {caller.Account}, which delegates the decision: "
                    + $"the caller's own identity policy must also allow {request.Action} on this role.");
            }
            else if (caller.Kind == PrincipalKind.Aws && roleAccount is not null && caller.Account != roleAccount)
            {
                identityRequired = true;
                notes.Add($"Cross-account call from {caller.Account} into {roleAccount}: the caller's identity policy must also allow {request.Action} on this role.");
            }

            if (deciding.Any(d => d.Principal is PrincipalMatch.Anyone or PrincipalMatch.NotExcluded))
            {
                notes.Add("The deciding statement trusts any principal (Principal \"*\" or NotPrincipal).");
            }
        }
        else if (result.Decision == Decision.ImplicitlyDenied && !result.Statements.Any(s => s.Principal != PrincipalMatch.None))
        {
            notes.Add($"No statement names {request.Principal}.");
        }
        else if (result.Decision == Decision.ImplicitlyDenied && !result.Statements.Any(s => s.Principal != PrincipalMatch.None && s.ActionMatched))
        {
            notes.Add($"No statement that names the caller allows {request.Action}.");
        }

        return new TrustDecision(result, identityRequired, notes);
    }
}
