using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>BinaryEquals: the policy value and the request value are base64 and compared byte by byte.</summary>
internal sealed class BinaryConditionMatcher : ConditionMatcher
{
    private readonly byte[][] _values;

    public BinaryConditionMatcher(IReadOnlyList<string> values) =>
        _values = values.Select(v => ConditionValueFormats.TryParseBase64(v, out var bytes) ? bytes : null)
            .Where(b => b is not null).Select(b => b!).ToArray();

    public override ValueMatch MatchAny(string requestValue, RequestContext context)
    {
        if (!ConditionValueFormats.TryParseBase64(requestValue, out var actual))
        {
            return ValueMatch.NoMatch;
        }

        return AnyOf(_values, expected => expected.AsSpan().SequenceEqual(actual));
    }
}
