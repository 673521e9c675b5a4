using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Access;

/// <summary>A condition clause as reports show it: operator, key and the raw values (patterns verbatim).</summary>
public sealed record ConditionFact(ConditionOperator Operator, string Key, IReadOnlyList<string> Values)
{
    internal static ConditionFact From(ConditionClause clause) => new(clause.Operator, clause.Key, clause.Values);

    public string NormalizedKey => Key.ToLowerInvariant();

    public override string ToString() => $"{Operator.Name} {Key} = {string.Join(" | ", Values)}";
}
