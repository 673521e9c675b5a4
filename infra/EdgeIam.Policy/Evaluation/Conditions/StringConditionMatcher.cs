using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>
/// StringEquals / StringEqualsIgnoreCase / StringLike and their negations: case-sensitive unless IgnoreCase;
/// only the Like operators treat <c>*</c> and <c>?</c> as wildcards; policy variables allowed.
/// </summary>
internal sealed class StringConditionMatcher : ConditionMatcher
{
    private readonly WildcardPattern?[] _patterns;
    private readonly VariableTemplate?[] _templates;
    private readonly bool _ignoreCase;
    private readonly bool _like;

    public StringConditionMatcher(ConditionOperatorKind kind, IReadOnlyList<string> values, bool variablesEnabled)
    {
        _ignoreCase = kind is ConditionOperatorKind.StringEqualsIgnoreCase or ConditionOperatorKind.StringNotEqualsIgnoreCase;
        _like = kind is ConditionOperatorKind.StringLike or ConditionOperatorKind.StringNotLike;
        _patterns = new WildcardPattern?[values.Count];
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
                _patterns[i] = _like ? WildcardPattern.Compile(values[i], _ignoreCase) : WildcardPattern.Literal(values[i], _ignoreCase);
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

                pattern = WildcardPattern.FromMasked(text, _like ? mask : null, _ignoreCase);
            }

            if (pattern.IsMatch(requestValue))
            {
                return ValueMatch.Match;
            }
        }

        return unresolved ? ValueMatch.Unresolved : ValueMatch.NoMatch;
    }
}
