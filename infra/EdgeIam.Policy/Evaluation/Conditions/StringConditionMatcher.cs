using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>
/// StringEquals / StringEqualsIgnoreCase / StringLike and their negations: case-sensitive unless IgnoreCase;
/// only the Like operators treat <c>*</c> and <c>?</c> as wildcards; policy variables allowed.
/// </summary>
internal sealed class StringConditionMatcher : ConditionMatcher
{
    private readonly VariablePatternList<WildcardPattern> _patterns;

    public StringConditionMatcher(ConditionOperatorKind kind, IReadOnlyList<string> values, bool variablesEnabled)
    {
        var ignoreCase = kind is ConditionOperatorKind.StringEqualsIgnoreCase or ConditionOperatorKind.StringNotEqualsIgnoreCase;
        var like = kind is ConditionOperatorKind.StringLike or ConditionOperatorKind.StringNotLike;
        _patterns = new(
            values,
            variablesEnabled,
            v => like ? WildcardPattern.Compile(v, ignoreCase) : WildcardPattern.Literal(v, ignoreCase),
            (text, mask) => WildcardPattern.FromMasked(text, like ? mask : null, ignoreCase));
    }

    public override ValueMatch MatchAny(string requestValue, RequestContext context) => _patterns.MatchAny(requestValue, context);
}
