namespace EdgeIam.Policy.Evaluation;

/// <summary>
/// A compiled IAM wildcard pattern: <c>*</c> matches any run of characters (including none), <c>?</c> exactly one.
/// Characters that came from an escape (<c>${*}</c>) or a substituted variable are literal; the mask says which
/// positions are live wildcards. Matching never allocates.
/// </summary>
internal sealed class WildcardPattern : IValuePattern
{
    private readonly string _pattern;
    private readonly bool[]? _wildcardMask;
    private readonly bool _ignoreCase;
    private readonly Shape _shape;

    private WildcardPattern(string pattern, bool[]? wildcardMask, bool ignoreCase)
    {
        _ignoreCase = ignoreCase;
        _pattern = ignoreCase ? pattern.ToLowerInvariant() : pattern;
        _wildcardMask = wildcardMask;
        _shape = Classify();
    }

    private enum Shape
    {
        Literal,
        Anything,
        Prefix,
        General,
    }

    public string Text => _pattern;

    public bool HasWildcards => _shape != Shape.Literal;

    /// <summary>Every <c>*</c> and <c>?</c> in <paramref name="pattern"/> is a wildcard.</summary>
    public static WildcardPattern Compile(string pattern, bool ignoreCase = false) => new(pattern, null, ignoreCase);

    /// <summary>Only positions flagged in <paramref name="wildcardMask"/> are wildcards (null: none are).</summary>
    public static WildcardPattern FromMasked(string pattern, bool[]? wildcardMask, bool ignoreCase = false) =>
        new(pattern, wildcardMask ?? new bool[pattern.Length], ignoreCase);

    public static WildcardPattern Literal(string text, bool ignoreCase = false) => FromMasked(text, null, ignoreCase);

    public bool IsMatch(ReadOnlySpan<char> input) => _shape switch
    {
        Shape.Anything => true,
        Shape.Literal => _ignoreCase ? EqualsLowered(input, _pattern) : input.SequenceEqual(_pattern),
        Shape.Prefix => input.Length >= _pattern.Length - 1 && (_ignoreCase
            ? EqualsLowered(input[..(_pattern.Length - 1)], _pattern.AsSpan(0, _pattern.Length - 1))
            : input.StartsWith(_pattern.AsSpan(0, _pattern.Length - 1), StringComparison.Ordinal)),
        _ => Glob(input),
    };

    public override string ToString() => _pattern;

    private bool IsWild(int index) => _wildcardMask is null
        ? _pattern[index] is '*' or '?'
        : _wildcardMask[index] && _pattern[index] is '*' or '?';

    private Shape Classify()
    {
        var wildcards = 0;
        var lastWild = -1;
        for (var i = 0; i < _pattern.Length; i++)
        {
            if (IsWild(i))
            {
                wildcards++;
                lastWild = i;
            }
        }

        if (wildcards == 0)
        {
            return Shape.Literal;
        }

        if (wildcards == 1 && lastWild == _pattern.Length - 1 && _pattern[lastWild] == '*')
        {
            return _pattern.Length == 1 ? Shape.Anything : Shape.Prefix;
        }

        return Shape.General;
    }

    private bool Glob(ReadOnlySpan<char> input)
    {
        int p = 0, s = 0, star = -1, mark = 0;
        var pattern = _pattern.AsSpan();
        while (s < input.Length)
        {
            if (p < pattern.Length && pattern[p] == '*' && IsWild(p))
            {
                star = p++;
                mark = s;
                continue;
            }

            if (p < pattern.Length && ((pattern[p] == '?' && IsWild(p)) || pattern[p] == Fold(input[s])))
            {
                p++;
                s++;
                continue;
            }

            if (star >= 0)
            {
                p = star + 1;
                s = ++mark;
                continue;
            }

            return false;
        }

        while (p < pattern.Length && pattern[p] == '*' && IsWild(p))
        {
            p++;
        }

        return p == pattern.Length;
    }

    private char Fold(char c) => _ignoreCase ? char.ToLowerInvariant(c) : c;

    private static bool EqualsLowered(ReadOnlySpan<char> input, ReadOnlySpan<char> lowered)
    {
        if (input.Length != lowered.Length)
        {
            return false;
        }

        for (var i = 0; i < input.Length; i++)
        {
            if (char.ToLowerInvariant(input[i]) != lowered[i])
            {
                return false;
            }
        }

        return true;
    }
}
