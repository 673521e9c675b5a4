namespace EdgeIam.Policy.Evaluation;

/// <summary>
/// An ARN pattern matched per segment: each of the six colon-delimited parts (arn, partition, service, region,
/// account, resource) is matched on its own, so a wildcard cannot spill from one segment into the next
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN).
/// A pattern that is not ARN-shaped (<c>*</c>, or a symbolic template value such as <c>${Anchor.TrustAnchorArn}</c>)
/// is matched against the whole value, so symbolic values compare by identity.
/// </summary>
internal sealed class ArnPattern : IValuePattern
{
    private const int SegmentCount = 6;
    private readonly WildcardPattern[]? _segments;
    private readonly WildcardPattern _whole;

    private ArnPattern(string text, bool[]? wildcardMask)
    {
        Text = text;
        _whole = wildcardMask is null ? WildcardPattern.Compile(text) : WildcardPattern.FromMasked(text, wildcardMask);
        var bounds = SegmentBounds(text);
        if (bounds is null)
        {
            return;
        }

        _segments = new WildcardPattern[SegmentCount];
        for (var i = 0; i < SegmentCount; i++)
        {
            var (start, length) = bounds[i];
            var segment = text.Substring(start, length);
            _segments[i] = wildcardMask is null
                ? WildcardPattern.Compile(segment)
                : WildcardPattern.FromMasked(segment, wildcardMask.AsSpan(start, length).ToArray());
        }
    }

    public string Text { get; }

    public bool HasWildcards => _whole.HasWildcards;

    public static ArnPattern Compile(string pattern) => new(pattern, null);

    public static ArnPattern FromMasked(string pattern, bool[]? wildcardMask) => new(pattern, wildcardMask ?? new bool[pattern.Length]);

    public bool IsMatch(ReadOnlySpan<char> value)
    {
        if (_segments is null)
        {
            return _whole.IsMatch(value);
        }

        var rest = value;
        for (var i = 0; i < SegmentCount - 1; i++)
        {
            var colon = rest.IndexOf(':');
            if (colon < 0 || !_segments[i].IsMatch(rest[..colon]))
            {
                return false;
            }

            rest = rest[(colon + 1)..];
        }

        return _segments[SegmentCount - 1].IsMatch(rest);
    }

    public override string ToString() => Text;

    /// <summary>Start and length of the six segments, or null when the text has fewer than five colons.</summary>
    internal static (int Start, int Length)[]? SegmentBounds(string text)
    {
        var bounds = new (int, int)[SegmentCount];
        var start = 0;
        for (var i = 0; i < SegmentCount - 1; i++)
        {
            var colon = text.IndexOf(':', start);
            if (colon < 0)
            {
                return null;
            }

            bounds[i] = (start, colon - start);
            start = colon + 1;
        }

        bounds[SegmentCount - 1] = (start, text.Length - start);
        return bounds;
    }
}
