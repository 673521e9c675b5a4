namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>
/// ArnEquals / ArnLike (identical: both take wildcards per ARN segment, case-sensitive) and their negations;
/// policy variables allowed.
/// </summary>
internal sealed class ArnConditionMatcher : ConditionMatcher
{
    private readonly VariablePatternList<ArnPattern> _patterns;

    public ArnConditionMatcher(IReadOnlyList<string> values, bool variablesEnabled) =>
        _patterns = new(values, variablesEnabled, ArnPattern.Compile, ArnPattern.FromMasked);

    public override ValueMatch MatchAny(string requestValue, RequestContext context) => _patterns.MatchAny(requestValue, context);
}
