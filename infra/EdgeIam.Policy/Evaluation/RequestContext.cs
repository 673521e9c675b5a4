namespace EdgeIam.Policy.Evaluation;

/// <summary>
/// The condition keys of a request. Key names are case-insensitive (stored lower-cased once); a key may carry one
/// value or several (a multivalued key, for <c>ForAnyValue</c>/<c>ForAllValues</c>), or be present with no values.
/// </summary>
public sealed class RequestContext
{
    private readonly Dictionary<string, string[]> _values;
    private readonly SortedDictionary<string, IReadOnlyList<string>> _display;

    private RequestContext(Dictionary<string, string[]> values, SortedDictionary<string, IReadOnlyList<string>> display)
    {
        _values = values;
        _display = display;
    }

    public static RequestContext Empty { get; } = new(new Dictionary<string, string[]>(StringComparer.Ordinal), new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal));

    /// <summary>Keys as first written, with their values, sorted by key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values => _display;

    /// <summary>Builds a context from <c>KEY=VALUE</c> pairs; a key repeated means a multivalued key.</summary>
    public static RequestContext FromPairs(IEnumerable<KeyValuePair<string, string>> pairs) =>
        From(pairs.GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new KeyValuePair<string, IReadOnlyList<string>>(g.First().Key, g.Select(p => p.Value).ToArray())));

    public static RequestContext From(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> entries)
    {
        var values = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var display = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, list) in entries)
        {
            var normalized = key.ToLowerInvariant();
            if (values.TryGetValue(normalized, out var existing))
            {
                values[normalized] = [.. existing, .. list];
                var firstKey = display.Keys.First(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
                display[firstKey] = values[normalized];
            }
            else
            {
                values[normalized] = [.. list];
                display[key] = values[normalized];
            }
        }

        return new RequestContext(values, display);
    }

    public static RequestContext Of(params (string Key, string Value)[] pairs) =>
        FromPairs(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    /// <summary>Looks a key up by its lower-cased name.</summary>
    internal bool TryGetValues(string normalizedKey, out string[] values) => _values.TryGetValue(normalizedKey, out values!);

    public bool ContainsKey(string key) => _values.ContainsKey(key.ToLowerInvariant());

    /// <summary>Adds keys the request does not already carry (e.g. <c>aws:PrincipalArn</c> derived from the caller).</summary>
    internal RequestContext WithDefaults(IEnumerable<KeyValuePair<string, string>> defaults)
    {
        var missing = defaults.Where(d => !ContainsKey(d.Key)).ToList();
        if (missing.Count == 0)
        {
            return this;
        }

        return From(_display.Concat(missing.Select(m => new KeyValuePair<string, IReadOnlyList<string>>(m.Key, [m.Value]))));
    }
}
