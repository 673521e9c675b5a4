using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation;

/// <summary>
/// A compiled <c>Action</c>/<c>NotAction</c> list. Actions are case-insensitive, so patterns are lower-cased once and
/// matched against the request's lower-cased action.
/// </summary>
internal sealed class ActionMatcher
{
    private readonly WildcardPattern[] _patterns;

    public ActionMatcher(ValueList actions) =>
        _patterns = actions.Values.Select(a => WildcardPattern.Compile(a.ToLowerInvariant())).ToArray();

    /// <summary>True when any pattern matches <paramref name="normalizedAction"/> (already lower-case).</summary>
    public bool MatchesAny(string normalizedAction)
    {
        foreach (var pattern in _patterns)
        {
            if (pattern.IsMatch(normalizedAction))
            {
                return true;
            }
        }

        return false;
    }
}
