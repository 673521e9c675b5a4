using EdgeIam.Policy.Evaluation.Conditions;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation;

/// <summary>A statement with every pattern and condition compiled, so evaluation does no parsing.</summary>
internal sealed class CompiledStatement
{
    private readonly PrincipalMatcher? _principal;
    private readonly bool _notPrincipal;
    private readonly ActionMatcher? _actions;
    private readonly bool _notAction;
    private readonly ResourceMatcher? _resources;
    private readonly bool _notResource;
    private readonly CompiledCondition[] _conditions;
    private readonly bool _principalRequired;

    /// <param name="principalRequired">
    /// True for trust (resource-based) policies: IAM requires a Principal there
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html), so a statement
    /// without one matches no caller instead of everyone.
    /// </param>
    public CompiledStatement(Statement statement, bool variablesEnabled, bool principalRequired = false)
    {
        _principalRequired = principalRequired;
        Source = statement;
        IsDeny = statement.Effect == Effect.Deny;
        var principal = statement.Principal ?? statement.NotPrincipal;
        _notPrincipal = statement.NotPrincipal is not null;
        _principal = principal is null ? null : new PrincipalMatcher(principal);
        var actions = statement.Action ?? statement.NotAction;
        _notAction = statement.NotAction is not null;
        _actions = actions is null ? null : new ActionMatcher(actions);
        var resources = statement.Resource ?? statement.NotResource;
        _notResource = statement.NotResource is not null;
        _resources = resources is null ? null : new ResourceMatcher(resources, variablesEnabled);
        _conditions = statement.Conditions.Select(c => new CompiledCondition(c, variablesEnabled)).ToArray();
    }

    public Statement Source { get; }

    public bool IsDeny { get; }

    public IReadOnlyList<CompiledCondition> Conditions => _conditions;

    /// <summary>The whole test, cheapest checks first.</summary>
    public bool Applies(AccessRequest request) =>
        MatchesAction(request) && MatchPrincipal(request.Principal) != PrincipalMatch.None
        && MatchesResource(request) && ConditionsHold(request.Context);

    public PrincipalMatch MatchPrincipal(RequestPrincipal caller)
    {
        if (_principal is null)
        {
            return _principalRequired ? PrincipalMatch.None : PrincipalMatch.NotApplicable;
        }

        var match = _principal.Match(caller);
        if (!_notPrincipal)
        {
            return match;
        }

        return match == PrincipalMatch.None ? PrincipalMatch.NotExcluded : PrincipalMatch.None;
    }

    public bool MatchesAction(AccessRequest request) => MatchesAction(request.NormalizedAction);

    /// <summary>The action test alone, for an action already lower-cased.</summary>
    public bool MatchesAction(string normalizedAction) =>
        _actions is null || _actions.MatchesAny(normalizedAction) != _notAction;

    /// <summary>Statements without a resource element (trust policies) match any resource.</summary>
    public bool MatchesResource(AccessRequest request)
    {
        if (_resources is null)
        {
            return true;
        }

        return _resources.MatchesAny(request.Resource ?? "*", request.Context) != _notResource;
    }

    /// <summary>
    /// Like <see cref="MatchesResource"/>, but a policy variable whose key the request does not carry may take any
    /// value: could the statement's resource element take the request once it carries those keys? (A NotResource
    /// value with such a variable already excludes nothing in <see cref="MatchesResource"/>.)
    /// </summary>
    public bool CouldMatchResource(AccessRequest request)
    {
        if (_resources is null)
        {
            return true;
        }

        return _notResource ? MatchesResource(request) : _resources.CouldMatchAny(request.Resource ?? "*", request.Context);
    }

    public bool ConditionsHold(RequestContext context)
    {
        foreach (var condition in _conditions)
        {
            if (!condition.Evaluate(context))
            {
                return false;
            }
        }

        return true;
    }
}
