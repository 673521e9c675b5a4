using EdgeIam.Policy.Evaluation;

namespace EdgeIam.Policy.Reports;

/// <summary>One condition clause of a statement, the request values it saw and whether it held.</summary>
public sealed record CanAssumeCondition
{
    public required string Operator { get; init; }

    public required string Key { get; init; }

    public required IReadOnlyList<string> Values { get; init; }

    /// <summary>The request's values for the key; empty when the key is absent.</summary>
    public required IReadOnlyList<string> RequestValues { get; init; }

    public required bool Holds { get; init; }

    /// <summary>Why it held or failed (<c>Matched</c>, <c>NotMatched</c>, <c>MissingKeyPositive</c>, ...).</summary>
    public required string Outcome { get; init; }

    public required string Explanation { get; init; }

    public required string JsonPath { get; init; }

    internal static CanAssumeCondition From(ConditionEvaluation evaluation) => new()
    {
        Operator = evaluation.Clause.Operator.Name,
        Key = evaluation.Clause.Key,
        Values = evaluation.Clause.Values,
        RequestValues = evaluation.RequestValues,
        Holds = evaluation.Holds,
        Outcome = evaluation.Outcome.ToString(),
        Explanation = evaluation.Explanation,
        JsonPath = evaluation.Clause.JsonPath,
    };
}
