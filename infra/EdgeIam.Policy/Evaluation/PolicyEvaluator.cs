using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation;

/// <summary>
/// Evaluates requests against policies: any applicable Deny wins, then any applicable Allow, otherwise the request is
/// implicitly denied (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
/// <see cref="Decide(CompiledPolicy, AccessRequest)"/> is the allocation-free hot path; <see cref="Evaluate(CompiledPolicy, AccessRequest)"/>
/// explains every statement.
/// </summary>
internal static class PolicyEvaluator
{
    public static Decision Decide(CompiledPolicy policy, AccessRequest request)
    {
        var allowed = false;
        var statements = policy.Statements;
        for (var i = 0; i < statements.Count; i++)
        {
            var statement = statements[i];
            if ((allowed && !statement.IsDeny) || !statement.Applies(request))
            {
                continue;
            }

            if (statement.IsDeny)
            {
                return Decision.ExplicitlyDenied;
            }

            allowed = true;
        }

        return allowed ? Decision.Allowed : Decision.ImplicitlyDenied;
    }

    public static Decision Decide(IReadOnlyList<CompiledPolicy> policies, AccessRequest request)
    {
        var allowed = false;
        foreach (var policy in policies)
        {
            switch (Decide(policy, request))
            {
                case Decision.ExplicitlyDenied:
                    return Decision.ExplicitlyDenied;
                case Decision.Allowed:
                    allowed = true;
                    break;
            }
        }

        return allowed ? Decision.Allowed : Decision.ImplicitlyDenied;
    }

    public static EvaluationResult Evaluate(CompiledPolicy policy, AccessRequest request) => Evaluate([policy], request);

    public static EvaluationResult Evaluate(IReadOnlyList<CompiledPolicy> policies, AccessRequest request)
    {
        var evaluations = new List<StatementEvaluation>();
        foreach (var policy in policies)
        {
            foreach (var statement in policy.Statements)
            {
                evaluations.Add(Explain(policy.Name, statement, request));
            }
        }

        var decision = evaluations.Any(e => e.Applies && e.Statement.Effect == Effect.Deny) ? Decision.ExplicitlyDenied
            : evaluations.Any(e => e.Applies) ? Decision.Allowed
            : Decision.ImplicitlyDenied;
        return new EvaluationResult(decision, evaluations);
    }

    private static StatementEvaluation Explain(string policyName, CompiledStatement statement, AccessRequest request)
    {
        var conditions = statement.Conditions.Select(c =>
        {
            var outcome = c.Outcome(request.Context);
            request.Context.TryGetValues(c.Clause.NormalizedKey, out var values);
            return new ConditionEvaluation(c.Clause, c.Evaluate(request.Context), outcome, values ?? []);
        }).ToList();
        return new StatementEvaluation(
            policyName,
            statement.Source,
            statement.MatchPrincipal(request.Principal),
            statement.MatchesAction(request),
            statement.MatchesResource(request),
            conditions);
    }
}
