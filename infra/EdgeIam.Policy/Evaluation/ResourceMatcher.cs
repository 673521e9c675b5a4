using EdgeIam.Policy.Evaluation.Conditions;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation;

/// <summary>A compiled <c>Resource</c>/<c>NotResource</c> list: ARN patterns per segment, policy variables allowed.</summary>
internal sealed class ResourceMatcher
{
    private readonly VariablePatternList<ArnPattern> _patterns;

    public ResourceMatcher(ValueList resources, bool variablesEnabled) =>
        _patterns = new(resources.Values, variablesEnabled, ArnPattern.Compile, ArnPattern.FromMasked);

    public bool MatchesAny(string resource, RequestContext context) => _patterns.MatchAny(resource, context) == ValueMatch.Match;

    /// <summary>True when some pattern could match once the request also carries the variables' keys it lacks.</summary>
    public bool CouldMatchAny(string resource, RequestContext context) => _patterns.CouldMatchAny(resource, context);
}
