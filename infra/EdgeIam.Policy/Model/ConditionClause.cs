namespace EdgeIam.Policy.Model;

/// <summary>One operator/key pair of a <c>Condition</c> block with its values (the values are ORed, or ANDed when negated).</summary>
public sealed record ConditionClause(ConditionOperator Operator, string Key, IReadOnlyList<string> Values, string JsonPath)
{
    /// <summary>Condition key names are case-insensitive; this is the form the evaluator and the rules compare.</summary>
    public string NormalizedKey { get; } = Key.ToLowerInvariant();
}
