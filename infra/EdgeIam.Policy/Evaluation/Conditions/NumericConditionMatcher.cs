using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>NumericEquals, NumericLessThan(Equals), NumericGreaterThan(Equals) and NumericNotEquals; no variables or wildcards.</summary>
internal sealed class NumericConditionMatcher(ConditionOperatorKind kind, IReadOnlyList<string> values)
    : OrderedConditionMatcher<decimal>(OrderingOf(kind), values, ConditionValueFormats.TryParseNumber)
{
    private static ValueOrdering OrderingOf(ConditionOperatorKind kind) => kind switch
    {
        ConditionOperatorKind.NumericLessThan => ValueOrdering.Less,
        ConditionOperatorKind.NumericLessThanEquals => ValueOrdering.LessOrEqual,
        ConditionOperatorKind.NumericGreaterThan => ValueOrdering.Greater,
        ConditionOperatorKind.NumericGreaterThanEquals => ValueOrdering.GreaterOrEqual,
        _ => ValueOrdering.Equal,
    };
}
