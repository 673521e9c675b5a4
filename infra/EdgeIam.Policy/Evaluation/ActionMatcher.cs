using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation;

/// <summary>
/// A compiled <c>Action</c>/<c>NotAction</c> list. Actions are case-insensitive, so patterns are lower-cased once and
/// matched against the request's lower-cased action. Long lists (AWS managed policies such as ReadOnlyAccess name
/// hundreds of patterns in one statement) are indexed by their literal service prefix, so a request only tries the
/// patterns of its own service and those whose service part has a wildcard.
/// </summary>
internal sealed class ActionMatcher
{
    /// <summary>Up to this many patterns a linear scan is cheaper than the index.</summary>
    private const int IndexThreshold = 8;

    private readonly WildcardPattern[] _patterns;
    private readonly Dictionary<string, WildcardPattern[]>.AlternateLookup<ReadOnlySpan<char>>? _byService;
    private readonly WildcardPattern[] _anyService = [];

    public ActionMatcher(ValueList actions)
    {
        _patterns = actions.Values.Select(a => WildcardPattern.Compile(a.ToLowerInvariant())).ToArray();
        if (_patterns.Length <= IndexThreshold)
        {
            return;
        }

        var byService = new Dictionary<string, List<WildcardPattern>>(StringComparer.Ordinal);
        var anyService = new List<WildcardPattern>();
        foreach (var pattern in _patterns)
        {
            var colon = pattern.Text.IndexOf(':', StringComparison.Ordinal);
            var service = colon < 0 ? null : pattern.Text[..colon];
            if (service is null || service.AsSpan().IndexOfAny('*', '?') >= 0)
            {
                anyService.Add(pattern);
                continue;
            }

            if (!byService.TryGetValue(service, out var list))
            {
                byService[service] = list = [];
            }

            list.Add(pattern);
        }

        _byService = byService.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _anyService = [.. anyService];
    }

    /// <summary>True when any pattern matches <paramref name="normalizedAction"/> (already lower-case).</summary>
    public bool MatchesAny(string normalizedAction)
    {
        if (_byService is not { } index)
        {
            return Any(_patterns, normalizedAction);
        }

        // A pattern with a literal service matches only actions of that service (the ':' is literal in both).
        var colon = normalizedAction.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && index.TryGetValue(normalizedAction.AsSpan(0, colon), out var own) && Any(own, normalizedAction))
        {
            return true;
        }

        return Any(_anyService, normalizedAction);
    }

    private static bool Any(WildcardPattern[] patterns, string normalizedAction)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.IsMatch(normalizedAction))
            {
                return true;
            }
        }

        return false;
    }
}
