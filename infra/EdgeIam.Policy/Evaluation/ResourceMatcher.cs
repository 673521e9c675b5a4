using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation;

/// <summary>A compiled <c>Resource</c>/<c>NotResource</c> list: ARN patterns per segment, policy variables allowed.</summary>
internal sealed class ResourceMatcher
{
    private readonly ArnPattern?[] _patterns;
    private readonly VariableTemplate?[] _templates;

    public ResourceMatcher(ValueList resources, bool variablesEnabled)
    {
        _patterns = new ArnPattern?[resources.Values.Count];
        _templates = new VariableTemplate?[resources.Values.Count];
        for (var i = 0; i < resources.Values.Count; i++)
        {
            var template = variablesEnabled ? VariableTemplate.Parse(resources.Values[i]) : null;
            if (template is { IsDynamic: true })
            {
                _templates[i] = template;
            }
            else
            {
                _patterns[i] = ArnPattern.Compile(resources.Values[i]);
            }
        }
    }

    public bool MatchesAny(string resource, RequestContext context)
    {
        for (var i = 0; i < _patterns.Length; i++)
        {
            var pattern = _patterns[i];
            if (pattern is null)
            {
                if (!_templates[i]!.TryResolve(context, out var text, out var mask))
                {
                    continue;
                }

                pattern = ArnPattern.FromMasked(text, mask);
            }

            if (pattern.IsMatch(resource))
            {
                return true;
            }
        }

        return false;
    }
}
