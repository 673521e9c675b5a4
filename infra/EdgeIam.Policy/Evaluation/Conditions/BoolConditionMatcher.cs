using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>Bool: <c>true</c>/<c>false</c>, case-insensitive; a request value that is neither matches nothing. Variables allowed.</summary>
internal sealed class BoolConditionMatcher : ConditionMatcher
{
    private readonly bool?[] _literals;
    private readonly VariableTemplate?[] _templates;

    public BoolConditionMatcher(IReadOnlyList<string> values, bool variablesEnabled)
    {
        _literals = new bool?[values.Count];
        _templates = new VariableTemplate?[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var template = variablesEnabled ? VariableTemplate.Parse(values[i]) : null;
            if (template is { HasVariables: true })
            {
                _templates[i] = template;
            }
            else if (ConditionValueFormats.TryParseBool(values[i], out var literal))
            {
                _literals[i] = literal;
            }
        }
    }

    public override ValueMatch MatchAny(string requestValue, RequestContext context)
    {
        if (!ConditionValueFormats.TryParseBool(requestValue, out var actual))
        {
            return ValueMatch.NoMatch;
        }

        var unresolved = false;
        for (var i = 0; i < _literals.Length; i++)
        {
            var expected = _literals[i];
            if (_templates[i] is { } template)
            {
                if (!template.TryResolveText(context, out var text))
                {
                    unresolved = true;
                    continue;
                }

                expected = ConditionValueFormats.TryParseBool(text, out var resolved) ? resolved : null;
            }

            if (expected == actual)
            {
                return ValueMatch.Match;
            }
        }

        return unresolved ? ValueMatch.Unresolved : ValueMatch.NoMatch;
    }
}
