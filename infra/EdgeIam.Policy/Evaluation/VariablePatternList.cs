using EdgeIam.Policy.Evaluation.Conditions;

namespace EdgeIam.Policy.Evaluation;

/// <summary>
/// A list of policy values compiled once, for Resource lists and String/Arn conditions alike: a value without policy
/// variables is compiled up front; one with variables (<c>${aws:username}</c>) is resolved against each request, and
/// what it substitutes is literal (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
/// A variable the request cannot resolve makes that value match nothing, negated or not.
/// </summary>
internal sealed class VariablePatternList<TPattern>
    where TPattern : class, IValuePattern
{
    private readonly TPattern?[] _patterns;
    private readonly VariableTemplate?[] _templates;
    private readonly Func<string, bool[]?, TPattern> _fromResolved;

    /// <param name="compile">Compiles a value without variables.</param>
    /// <param name="fromResolved">Compiles a resolved value; the mask says which characters are live wildcards.</param>
    public VariablePatternList(IReadOnlyList<string> values, bool variablesEnabled, Func<string, TPattern> compile, Func<string, bool[]?, TPattern> fromResolved)
    {
        _fromResolved = fromResolved;
        _patterns = new TPattern?[values.Count];
        _templates = new VariableTemplate?[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var template = variablesEnabled ? VariableTemplate.Parse(values[i]) : null;
            if (template is { IsDynamic: true })
            {
                _templates[i] = template;
            }
            else
            {
                _patterns[i] = compile(values[i]);
            }
        }
    }

    public ValueMatch MatchAny(string value, RequestContext context)
    {
        var unresolved = false;
        for (var i = 0; i < _patterns.Length; i++)
        {
            var pattern = _patterns[i];
            if (pattern is null)
            {
                if (!_templates[i]!.TryResolve(context, out var text, out var mask))
                {
                    unresolved = true;
                    continue;
                }

                pattern = _fromResolved(text, mask);
            }

            if (pattern.IsMatch(value))
            {
                return ValueMatch.Match;
            }
        }

        return unresolved ? ValueMatch.Unresolved : ValueMatch.NoMatch;
    }

    /// <summary>
    /// True when some value could match once the request also carries the keys of the variables it lacks (see
    /// <see cref="VariableTemplate.TryResolveOpen"/>); equal to a <see cref="ValueMatch.Match"/> of
    /// <see cref="MatchAny"/> when the request carries every variable's key.
    /// </summary>
    public bool CouldMatchAny(string value, RequestContext context)
    {
        for (var i = 0; i < _patterns.Length; i++)
        {
            var pattern = _patterns[i];
            if (pattern is null)
            {
                if (!_templates[i]!.TryResolveOpen(context, out var text, out var mask))
                {
                    continue;
                }

                pattern = _fromResolved(text, mask);
            }

            if (pattern.IsMatch(value))
            {
                return true;
            }
        }

        return false;
    }
}
