namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>
/// ArnEquals / ArnLike (identical: both take wildcards per ARN segment, case-sensitive) and their negations;
/// policy variables allowed.
/// </summary>
internal sealed class ArnConditionMatcher : ConditionMatcher
{
    private readonly ArnPattern?[] _patterns;
    private readonly VariableTemplate?[] _templates;

    public ArnConditionMatcher(IReadOnlyList<string> values, bool variablesEnabled)
    {
        _patterns = new ArnPattern?[values.Count];
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
                _patterns[i] = ArnPattern.Compile(values[i]);
            }
        }
    }

    public override ValueMatch MatchAny(string requestValue, RequestContext context)
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

                pattern = ArnPattern.FromMasked(text, mask);
            }

            if (pattern.IsMatch(requestValue))
            {
                return ValueMatch.Match;
            }
        }

        return unresolved ? ValueMatch.Unresolved : ValueMatch.NoMatch;
    }
}
