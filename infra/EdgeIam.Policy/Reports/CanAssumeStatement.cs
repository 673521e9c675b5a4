using EdgeIam.Policy.Evaluation;

namespace EdgeIam.Policy.Reports;

/// <summary>One trust-policy statement as <c>can-assume</c> saw it: where it is, whether it decided, and each part's result.</summary>
public sealed record CanAssumeStatement
{
    public required bool Deciding { get; init; }

    public required string? Sid { get; init; }

    public required int Index { get; init; }

    /// <summary>The Sid, or <c>Statement[i]</c> when there is none.</summary>
    public required string Label { get; init; }

    public required string JsonPath { get; init; }

    public required string Effect { get; init; }

    /// <summary>How the principal element matched (<see cref="PrincipalMatch"/>), <c>None</c> when it does not name the caller.</summary>
    public required string PrincipalMatch { get; init; }

    public required bool PrincipalMatched { get; init; }

    public required string Action { get; init; }

    public required bool ActionMatched { get; init; }

    public required IReadOnlyList<CanAssumeCondition> Conditions { get; init; }

    internal static CanAssumeStatement From(StatementEvaluation evaluation, string action, bool deciding) => new()
    {
        Deciding = deciding,
        Sid = evaluation.Statement.Sid,
        Index = evaluation.Statement.Index,
        Label = evaluation.Statement.Label,
        JsonPath = evaluation.Statement.JsonPath,
        Effect = evaluation.Statement.Effect.ToString(),
        PrincipalMatch = evaluation.Principal.ToString(),
        PrincipalMatched = evaluation.Principal != Evaluation.PrincipalMatch.None,
        Action = action,
        ActionMatched = evaluation.ActionMatched,
        Conditions = [.. evaluation.Conditions.Select(CanAssumeCondition.From)],
    };
}
