namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>How an ordered family compares the request value with a policy value.</summary>
internal enum ValueOrdering
{
    Equal,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>
/// Families over ordered values (numbers, dates): policy values are parsed once, a request value that does not
/// parse matches nothing, and the first policy value that satisfies the ordering matches (values are ORed).
/// </summary>
internal abstract class OrderedConditionMatcher<T> : ConditionMatcher
    where T : struct, IComparable<T>
{
    private readonly T[] _values;
    private readonly ValueOrdering _ordering;
    private readonly Parser _parse;

    protected OrderedConditionMatcher(ValueOrdering ordering, IReadOnlyList<string> values, Parser parse)
    {
        _ordering = ordering;
        _parse = parse;
        _values = [.. values.Select(v => parse(v, out var parsed) ? (T?)parsed : null).Where(v => v.HasValue).Select(v => v!.Value)];
    }

    internal delegate bool Parser(ReadOnlySpan<char> text, out T value);

    public override ValueMatch MatchAny(string requestValue, RequestContext context)
    {
        if (!_parse(requestValue, out var actual))
        {
            return ValueMatch.NoMatch;
        }

        foreach (var expected in _values)
        {
            var order = actual.CompareTo(expected);
            var satisfied = _ordering switch
            {
                ValueOrdering.Less => order < 0,
                ValueOrdering.LessOrEqual => order <= 0,
                ValueOrdering.Greater => order > 0,
                ValueOrdering.GreaterOrEqual => order >= 0,
                _ => order == 0, // Equals, and NotEquals before negation
            };
            if (satisfied)
            {
                return ValueMatch.Match;
            }
        }

        return ValueMatch.NoMatch;
    }
}
