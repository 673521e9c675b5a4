namespace EdgeIam.Policy.Evaluation;

/// <summary>The decision and the statements behind it.</summary>
internal sealed record EvaluationResult(Decision Decision, IReadOnlyList<StatementEvaluation> Statements)
{
    /// <summary>The denies that applied (explicit deny) or the allows that applied (allowed); empty when implicitly denied.</summary>
    public IReadOnlyList<StatementEvaluation> Deciding => Decision switch
    {
        Decision.ExplicitlyDenied => Statements.Where(s => s.Applies && s.Statement.Effect == Model.Effect.Deny).ToList(),
        Decision.Allowed => Statements.Where(s => s.Applies && s.Statement.Effect == Model.Effect.Allow).ToList(),
        _ => [],
    };

    public bool IsAllowed => Decision == Decision.Allowed;
}
