namespace EdgeIam.Policy.Access;

/// <summary>
/// Whether one IAM pattern matches every string another matches (so replacing the first with the second does not widen
/// access). Wildcards only count where the operator takes them (<paramref name="baseLike"/>/<paramref name="headLike"/>).
/// </summary>
internal static class PatternCoverage
{
    public static bool Covers(string basePattern, bool baseLike, string headPattern, bool headLike, bool ignoreCase = false)
    {
        var memo = new bool?[basePattern.Length + 1, headPattern.Length + 1];
        return Covers(basePattern, baseLike, headPattern, headLike, ignoreCase, 0, 0, memo);
    }

    /// <summary>True when every head pattern is covered by at least one base pattern.</summary>
    public static bool CoversAll(IEnumerable<string> basePatterns, bool baseLike, IEnumerable<string> headPatterns, bool headLike, bool ignoreCase = false)
    {
        var bases = basePatterns.ToList();
        return headPatterns.All(h => bases.Any(b => Covers(b, baseLike, h, headLike, ignoreCase)));
    }

    private static bool Covers(string b, bool baseLike, string h, bool headLike, bool ignoreCase, int i, int j, bool?[,] memo)
    {
        if (memo[i, j] is { } known)
        {
            return known;
        }

        bool result;
        if (i == b.Length)
        {
            result = j == h.Length;
        }
        else if (baseLike && b[i] == '*')
        {
            // A base star absorbs any head character, head wildcards included.
            result = Covers(b, baseLike, h, headLike, ignoreCase, i + 1, j, memo)
                || (j < h.Length && Covers(b, baseLike, h, headLike, ignoreCase, i, j + 1, memo));
        }
        else if (j == h.Length)
        {
            result = false;
        }
        else
        {
            var headStar = headLike && h[j] == '*';
            var headOne = headLike && h[j] == '?';
            if (baseLike && b[i] == '?')
            {
                result = !headStar && Covers(b, baseLike, h, headLike, ignoreCase, i + 1, j + 1, memo);
            }
            else
            {
                var same = ignoreCase ? char.ToLowerInvariant(b[i]) == char.ToLowerInvariant(h[j]) : b[i] == h[j];
                result = !headStar && !headOne && same && Covers(b, baseLike, h, headLike, ignoreCase, i + 1, j + 1, memo);
            }
        }

        memo[i, j] = result;
        return result;
    }
}
