namespace EdgeIam.Policy.Reference;

/// <summary>Finds the known names nearest a misspelt one, by optimal-string-alignment distance ignoring case.</summary>
internal static class NameSuggester
{
    public const int MaxSuggestions = 3;

    /// <summary>
    /// The candidates at the smallest distance from <paramref name="given"/>, at most <see cref="MaxSuggestions"/>, in
    /// the order given; none when even the nearest is farther than <see cref="Tolerance"/>.
    /// </summary>
    public static IReadOnlyList<T> Nearest<T>(string given, IEnumerable<T> candidates, Func<T, string> nameOf)
    {
        var tolerance = Tolerance(given.Length);
        var rows = new int[3][];
        var best = new List<T>();
        var bestDistance = tolerance + 1;
        foreach (var candidate in candidates)
        {
            var name = nameOf(candidate);
            if (Math.Abs(name.Length - given.Length) > bestDistance)
            {
                continue;
            }

            // Capped one above the best so far: a tie is computed exactly, anything farther stops early.
            var distance = Distance(given, name, bestDistance + 1, rows);
            if (distance < bestDistance)
            {
                best.Clear();
                bestDistance = distance;
            }

            if (distance <= tolerance && distance == bestDistance && best.Count < MaxSuggestions)
            {
                best.Add(candidate);
            }
        }

        return best;
    }

    /// <summary>
    /// How many edits still count as a typo: one for names of up to three characters (two edits turn <c>s4</c> into
    /// most two-letter prefixes), else a third of the name and at least two.
    /// </summary>
    public static int Tolerance(int length) => length <= 3 ? 1 : Math.Max(2, length / 3);

    /// <summary>
    /// Optimal-string-alignment distance (an adjacent swap is one edit), ignoring ASCII case; stops early and returns
    /// <paramref name="cap"/> once every alignment costs at least that much.
    /// </summary>
    public static int Distance(string a, string b, int cap = int.MaxValue) => Distance(a, b, cap, new int[3][]);

    /// <param name="rows">Three row buffers, grown as needed and reused across calls.</param>
    private static int Distance(string a, string b, int cap, int[][] rows)
    {
        for (var r = 0; r < 3; r++)
        {
            if (rows[r] is null || rows[r].Length < b.Length + 1)
            {
                rows[r] = new int[Math.Max(b.Length + 1, 64)];
            }
        }

        var (previous2, previous, current) = (rows[0], rows[1], rows[2]);
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = Fold(a[i - 1]) == Fold(b[j - 1]) ? 0 : 1;
                var d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && Fold(a[i - 1]) == Fold(b[j - 2]) && Fold(a[i - 2]) == Fold(b[j - 1]))
                {
                    d = Math.Min(d, previous2[j - 2] + 1);
                }

                current[j] = d;
                rowMin = Math.Min(rowMin, d);
            }

            if (rowMin >= cap)
            {
                return cap;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }

    private static char Fold(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
}
