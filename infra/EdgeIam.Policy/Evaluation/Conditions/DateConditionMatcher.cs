using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>DateEquals, DateLessThan(Equals), DateGreaterThan(Equals) and DateNotEquals over ISO 8601 or epoch seconds.</summary>
public sealed class DateConditionMatcher : ConditionMatcher
{
    private readonly DateTimeOffset[] _values;
    private readonly ConditionOperatorKind _kind;

    public DateConditionMatcher(ConditionOperatorKind kind, IReadOnlyList<string> values)
    {
        _kind = kind;
        _values = values.Select(v => ConditionValueFormats.TryParseDate(v, out var d) ? (DateTimeOffset?)d : null)
            .Where(d => d.HasValue).Select(d => d!.Value).ToArray();
    }

    public override ValueMatch MatchAny(string requestValue, RequestContext context)
    {
        if (!ConditionValueFormats.TryParseDate(requestValue, out var actual))
        {
            return ValueMatch.NoMatch;
        }

        foreach (var expected in _values)
        {
            if (Compare(actual, expected))
            {
                return ValueMatch.Match;
            }
        }

        return ValueMatch.NoMatch;
    }

    private bool Compare(DateTimeOffset actual, DateTimeOffset expected) => _kind switch
    {
        ConditionOperatorKind.DateLessThan => actual < expected,
        ConditionOperatorKind.DateLessThanEquals => actual <= expected,
        ConditionOperatorKind.DateGreaterThan => actual > expected,
        ConditionOperatorKind.DateGreaterThanEquals => actual >= expected,
        _ => actual == expected,
    };
}
