using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation;

/// <summary>
/// Evaluates a role's trust policy for one caller. A trust policy that names the caller's account delegates to that
/// account, so the caller's identity policy must also allow the call; the same holds for any caller from another
/// account (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
/// Fails closed: a statement without Principal matches nobody, the root user is refused, and a statement whose
/// principal or condition values are unresolved makes the answer "cannot be proved" whenever it could change it.
/// </summary>
internal static class TrustEvaluator
{
    public static TrustDecision Evaluate(CompiledPolicy trust, AccessRequest request, string? roleAccount = null, Func<string, bool>? isUnresolved = null)
    {
        if (!trust.IsTrust)
        {
            trust = CompiledPolicy.CompileTrust(trust.Document, trust.Name);
        }

        var result = PolicyEvaluator.Evaluate(trust, request);
        var caller = request.Principal;
        if (caller.IsRootUser && request.NormalizedAction.StartsWith("sts:assumerole", StringComparison.Ordinal))
        {
            // STS rejects root user credentials before it reads the trust policy, whatever the policy says.
            return new TrustDecision(result, false,
                [$"{caller} is the account root user: STS refuses root credentials for {request.Action} "
                    + "(https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html). "
                    + "A trust policy naming arn:aws:iam::ACCOUNT:root still means the account's IAM principals."])
            {
                RefusedBySts = true,
            };
        }

        var notes = new List<string>();
        var identityRequired = false;
        if (result.IsAllowed)
        {
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

        foreach (var s in result.Statements.Where(s => s.Statement.Principal is null && s.Statement.NotPrincipal is null))
        {
            notes.Add($"{s.Statement.Label} has no Principal: IAM requires one in a trust policy, so it matches no caller.");
        }

        var dependsOn = isUnresolved is null ? [] : Undetermined(result, isUnresolved);
        if (dependsOn.Count > 0)
        {
            notes.Insert(0, $"cannot be proved: the answer depends on {string.Join(", ", dependsOn)}, which the template does not resolve.");
        }

        return new TrustDecision(result, identityRequired, notes) { DependsOn = dependsOn };
    }

    /// <summary>
    /// The unresolved values that could flip the decision: in a statement that is not already ruled out by a resolved
    /// part (action, a resolved principal that does not match, a resolved condition that fails).
    /// </summary>
    private static List<string> Undetermined(EvaluationResult result, Func<string, bool> isUnresolved)
    {
        var certainDeny = false;
        var certainAllow = false;
        var maybeDeny = new List<string>();
        var maybeAllow = new List<string>();
        foreach (var s in result.Statements)
        {
            if (!s.ActionMatched || !s.ResourceMatched)
            {
                continue;
            }

            var principals = s.Statement.Principal ?? s.Statement.NotPrincipal;
            var unresolvedPrincipals = principals?.Entries.Select(e => e.Value).Where(isUnresolved).ToList() ?? [];
            var principalUnknown = unresolvedPrincipals.Count > 0
                && (s.Principal == PrincipalMatch.None || s.Statement.NotPrincipal is not null);
            if (s.Principal == PrincipalMatch.None && !principalUnknown)
            {
                continue;
            }

            var unknownConditions = s.Conditions.Where(c => c.Clause.Values.Any(isUnresolved) || isUnresolved(c.Clause.Key)).ToList();
            if (s.Conditions.Except(unknownConditions).Any(c => !c.Holds))
            {
                continue;
            }

            var unknowns = (principalUnknown ? unresolvedPrincipals : [])
                .Concat(unknownConditions.SelectMany(c => c.Clause.Values.Append(c.Clause.Key).Where(isUnresolved)))
                .ToList();
            var deny = s.Statement.Effect == Effect.Deny;
            if (unknowns.Count == 0)
            {
                certainDeny |= deny;
                certainAllow |= !deny;
            }
            else
            {
                (deny ? maybeDeny : maybeAllow).AddRange(unknowns.Select(u => $"\"{u}\" ({s.Statement.Label})"));
            }
        }

        if (certainDeny)
        {
            return [];
        }

        // Without any possible allow the request is denied whatever the unresolved denies say.
        if (!certainAllow && maybeAllow.Count == 0)
        {
            return [];
        }

        if (maybeDeny.Count > 0)
        {
            return maybeDeny.Concat(maybeAllow).Distinct().ToList();
        }

        return certainAllow ? [] : maybeAllow.Distinct().ToList();
    }
}
