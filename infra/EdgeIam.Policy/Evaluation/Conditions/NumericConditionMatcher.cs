using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>NumericEquals, NumericLessThan(Equals), NumericGreaterThan(Equals) and NumericNotEquals; no variables or wildcards.</summary>
public sealed class NumericConditionMatcher : ConditionMatcher
{
    private readonly decimal[] _values;
    private readonly ConditionOperatorKind _kind;

    public NumericConditionMatcher(ConditionOperatorKind kind, IReadOnlyList<string> values)
    {
        _kind = kind;
        _values = values.Select(v => ConditionValueFormats.TryParseNumber(v, out var d) ? (decimal?)d : null)
            .Where(d => d.HasValue).Select(d => d!.Value).ToArray();
    }

    public override ValueMatch MatchAny(string requestValue, RequestContext context)
    {
        if (!ConditionValueFormats.TryParseNumber(requestValue, out var actual))
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

    private bool Compare(decimal actual, decimal expected) => _kind switch
    {
        ConditionOperatorKind.NumericLessThan => actual < expected,
        ConditionOperatorKind.NumericLessThanEquals => actual <= expected,
        ConditionOperatorKind.NumericGreaterThan => actual > expected,
        ConditionOperatorKind.NumericGreaterThanEquals => actual >= expected,
        _ => actual == expected, // NumericEquals, and NumericNotEquals before negation
    };
}
