using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>DateEquals, DateLessThan(Equals), DateGreaterThan(Equals) and DateNotEquals over ISO 8601 or epoch seconds.</summary>
internal sealed class DateConditionMatcher(ConditionOperatorKind kind, IReadOnlyList<string> values)
    : OrderedConditionMatcher<DateTimeOffset>(OrderingOf(kind), values, ConditionValueFormats.TryParseDate)
{
    private static ValueOrdering OrderingOf(ConditionOperatorKind kind) => kind switch
    {
        ConditionOperatorKind.DateLessThan => ValueOrdering.Less,
        ConditionOperatorKind.DateLessThanEquals => ValueOrdering.LessOrEqual,
        ConditionOperatorKind.DateGreaterThan => ValueOrdering.Greater,
        ConditionOperatorKind.DateGreaterThanEquals => ValueOrdering.GreaterOrEqual,
        _ => ValueOrdering.Equal,
    };
}
