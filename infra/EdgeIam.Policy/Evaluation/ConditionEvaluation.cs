using EdgeIam.Policy.Evaluation.Conditions;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation;

/// <summary>One clause's result with the request values it saw, in words.</summary>
internal sealed record ConditionEvaluation(ConditionClause Clause, bool Holds, ConditionOutcome Outcome, IReadOnlyList<string> RequestValues)
{
    public string Explanation
    {
        get
        {
            var policy = $"{Clause.Operator.Name} {Clause.Key} {FormatList(Clause.Values)}";
            var request = RequestValues.Count == 0 ? "absent" : FormatList(RequestValues);
            var why = Outcome switch
            {
                ConditionOutcome.Matched => "matched",
                ConditionOutcome.NotMatched => "did not match",
                ConditionOutcome.MissingKeyPositive => "key missing, so the condition is false",
                ConditionOutcome.MissingKeyNegated => "key missing, so the negated condition is true",
                ConditionOutcome.MissingKeyIfExists => "key missing, so ...IfExists is true",
                ConditionOutcome.ForAllValuesMissingKey => "key missing or empty, so ForAllValues is true",
                ConditionOutcome.ForAnyValueMissingKey => "key missing or empty, so ForAnyValue is false",
                ConditionOutcome.MultivaluedKeyWithoutSetOperator => "key has several values; a plain operator needs ForAnyValue/ForAllValues",
                ConditionOutcome.UnresolvedVariable => "a policy variable has no single value in the request and no default",
                ConditionOutcome.NullCheckMatched => "presence test held",
                _ => "presence test failed",
            };
            return $"{policy}: request {request} -> {why}";
        }
    }

    private static string FormatList(IReadOnlyList<string> values) =>
        values.Count == 1 ? $"\"{values[0]}\"" : "[" + string.Join(", ", values.Select(v => $"\"{v}\"")) + "]";
}
