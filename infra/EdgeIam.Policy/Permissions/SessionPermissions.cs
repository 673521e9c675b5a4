using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Permissions;

/// <summary>How one statement meets a request: not at all, for certain, or perhaps (a deploy-time value decides).</summary>
internal enum StatementMatch
{
    No,
    Yes,
    Maybe,
}

/// <summary>A statement of a layer policy that matched a request (or perhaps matched), with the conditions that failed for lack of a key.</summary>
internal sealed record StatementHit(LayerPolicy Policy, Statement Statement, StatementMatch Match, IReadOnlyList<ConditionClause> MissingKeyConditions);

/// <summary>What one layer says of a request: the Allow and Deny statements that apply, those that perhaps apply, its unknown policies.</summary>
internal sealed record LayerVerdict(
    PolicyLayer Layer,
    IReadOnlyList<StatementHit> Allows,
    IReadOnlyList<StatementHit> Denies,
    IReadOnlyList<StatementHit> Perhaps,
    IReadOnlyList<LayerPolicy> Unknown,
    IReadOnlyList<StatementHit> ConditionalAllows)
{
    public bool Allowed => Allows.Count > 0;

    public bool Denied => Denies.Count > 0;

    /// <summary>Nothing here could turn the layer's answer: no unknown policy, no statement that perhaps applies.</summary>
    public bool Certain => Unknown.Count == 0 && Perhaps.Count == 0;
}

/// <summary>The decision for one request with every layer's verdict.</summary>
internal sealed record PermissionEvaluation(PermissionOutcome Outcome, AccessRequest Request, IReadOnlyList<LayerVerdict> Layers)
{
    /// <summary>Allow statements that did not apply only because the request lacks a condition key: allowed when the key is there.</summary>
    public IReadOnlyList<StatementHit> ConditionalAllows => [.. Layers.Where(l => l.Layer == PolicyLayer.Identity).SelectMany(l => l.ConditionalAllows)];
}

/// <summary>
/// The policies of one role session in their layers, and IAM's decision for a request
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html#policy-eval-denyallow):
/// an explicit Deny in any layer denies; otherwise the identity policies must allow, and so must the permissions
/// boundary when the role has one ("Permissions boundaries",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-eval-logic)
/// and the session policies when the session has any ("Session policies",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session: the effective permissions
/// are the intersection of the identity-based policies and the session policies; the inline session policy and the
/// managed session policies together form the session layer). Resource-based policies do not apply: the request is
/// for the role's own session, in its own account.
/// </summary>
internal sealed class SessionPermissions
{
    private readonly LayerPolicy[][] _layers;

    public SessionPermissions(string roleName, IReadOnlyList<LayerPolicy> identity, IReadOnlyList<LayerPolicy>? boundary, IReadOnlyList<LayerPolicy>? session, string? sessionName = null)
    {
        RoleName = roleName;
        SessionName = sessionName;
        Identity = identity;
        Boundary = boundary;
        Session = session;
        _layers = [[.. identity], [.. boundary ?? []], [.. session ?? []]];
    }

    public string RoleName { get; }

    /// <summary>The session the permissions are for, e.g. <c>profile:edge-device</c>; null for the role on its own.</summary>
    public string? SessionName { get; }

    public IReadOnlyList<LayerPolicy> Identity { get; }

    /// <summary>Null when the role has no permissions boundary (the layer does not limit).</summary>
    public IReadOnlyList<LayerPolicy>? Boundary { get; }

    /// <summary>Null when the session has no session policies (the layer does not limit).</summary>
    public IReadOnlyList<LayerPolicy>? Session { get; }

    public IEnumerable<LayerPolicy> AllPolicies => Identity.Concat(Boundary ?? []).Concat(Session ?? []);

    /// <summary>
    /// The hot path: the decision without explanation, allocation-free for policies without variables. Kept in step
    /// with <see cref="Evaluate"/> (a property test compares them).
    /// </summary>
    public PermissionOutcome Decide(AccessRequest request)
    {
        var uncertainDeny = false;
        var identity = Scan(_layers[0], request, ref uncertainDeny, out var denied);
        if (denied)
        {
            return PermissionOutcome.ExplicitlyDenied;
        }

        var boundary = Boundary is null ? LayerScan.Allowed : Scan(_layers[1], request, ref uncertainDeny, out denied);
        if (denied)
        {
            return PermissionOutcome.ExplicitlyDenied;
        }

        var session = Session is null ? LayerScan.Allowed : Scan(_layers[2], request, ref uncertainDeny, out denied);
        if (denied)
        {
            return PermissionOutcome.ExplicitlyDenied;
        }

        return Combine(identity, boundary, session, uncertainDeny);
    }

    public PermissionEvaluation Evaluate(AccessRequest request)
    {
        var verdicts = new List<LayerVerdict> { Verdict(PolicyLayer.Identity, Identity, request) };
        if (Boundary is not null)
        {
            verdicts.Add(Verdict(PolicyLayer.PermissionsBoundary, Boundary, request));
        }

        if (Session is not null)
        {
            verdicts.Add(Verdict(PolicyLayer.SessionPolicy, Session, request));
        }

        if (verdicts.Any(v => v.Denied))
        {
            return new PermissionEvaluation(PermissionOutcome.ExplicitlyDenied, request, verdicts);
        }

        var uncertainDeny = verdicts.Any(v => v.Unknown.Count > 0 || v.Perhaps.Any(p => p.Statement.Effect == Effect.Deny));
        LayerScan State(LayerVerdict v) => v.Allowed ? LayerScan.Allowed
            : v.Unknown.Count > 0 || v.Perhaps.Any(p => p.Statement.Effect == Effect.Allow) ? LayerScan.Perhaps
            : LayerScan.NotAllowed;
        var identity = State(verdicts[0]);
        var boundary = Boundary is null ? LayerScan.Allowed : State(verdicts.First(v => v.Layer == PolicyLayer.PermissionsBoundary));
        var session = Session is null ? LayerScan.Allowed : State(verdicts.First(v => v.Layer == PolicyLayer.SessionPolicy));
        return new PermissionEvaluation(Combine(identity, boundary, session, uncertainDeny), request, verdicts);
    }

    /// <summary>
    /// One layer's allow state. A certain "not allowed" in a limiting layer decides (implicit deny) even when another
    /// layer is uncertain; an allow is proved only when no layer is uncertain about a Deny.
    /// </summary>
    private static PermissionOutcome Combine(LayerScan identity, LayerScan boundary, LayerScan session, bool uncertainDeny)
    {
        if (identity == LayerScan.NotAllowed || boundary == LayerScan.NotAllowed || session == LayerScan.NotAllowed)
        {
            return PermissionOutcome.ImplicitlyDenied;
        }

        return identity == LayerScan.Allowed && boundary == LayerScan.Allowed && session == LayerScan.Allowed && !uncertainDeny
            ? PermissionOutcome.Allowed
            : PermissionOutcome.CannotProve;
    }

    private static LayerScan Scan(LayerPolicy[] policies, AccessRequest request, ref bool uncertainDeny, out bool denied)
    {
        denied = false;
        var allowed = false;
        var perhapsAllowed = false;
        for (var p = 0; p < policies.Length; p++)
        {
            var policy = policies[p];
            if (policy.Policy is not { } compiled)
            {
                uncertainDeny = true;
                perhapsAllowed = true;
                continue;
            }

            var statements = compiled.Statements;
            for (var i = 0; i < statements.Count; i++)
            {
                var statement = statements[i];
                if (allowed && !statement.IsDeny)
                {
                    continue;
                }

                switch (Match(statement, policy.Indeterminate[i], request))
                {
                    case StatementMatch.Yes when statement.IsDeny:
                        denied = true;
                        return LayerScan.NotAllowed;
                    case StatementMatch.Yes:
                        allowed = true;
                        break;
                    case StatementMatch.Maybe when statement.IsDeny:
                        uncertainDeny = true;
                        break;
                    case StatementMatch.Maybe:
                        perhapsAllowed = true;
                        break;
                }
            }
        }

        return allowed ? LayerScan.Allowed : perhapsAllowed ? LayerScan.Perhaps : LayerScan.NotAllowed;
    }

    private static LayerVerdict Verdict(PolicyLayer layer, IReadOnlyList<LayerPolicy> policies, AccessRequest request)
    {
        var allows = new List<StatementHit>();
        var denies = new List<StatementHit>();
        var perhaps = new List<StatementHit>();
        var conditional = new List<StatementHit>();
        var unknown = new List<LayerPolicy>();
        foreach (var policy in policies)
        {
            if (policy.Policy is not { } compiled)
            {
                unknown.Add(policy);
                continue;
            }

            for (var i = 0; i < compiled.Statements.Count; i++)
            {
                var statement = compiled.Statements[i];
                var match = Match(statement, policy.Indeterminate[i], request);
                if (match == StatementMatch.No)
                {
                    if (!statement.IsDeny && MissingKeyConditions(statement, request) is { Count: > 0 } missing)
                    {
                        conditional.Add(new StatementHit(policy, statement.Source, StatementMatch.No, missing));
                    }

                    continue;
                }

                var hit = new StatementHit(policy, statement.Source, match, []);
                (match == StatementMatch.Maybe ? perhaps : statement.IsDeny ? denies : allows).Add(hit);
            }
        }

        return new LayerVerdict(layer, allows, denies, perhaps, unknown, conditional);
    }

    /// <summary>
    /// A statement whose action and resource match and whose conditions fail only on keys the request does not carry:
    /// with those keys it could apply. Null-free list of the failing clauses; empty when that is not the case.
    /// </summary>
    private static List<ConditionClause> MissingKeyConditions(CompiledStatement statement, AccessRequest request)
    {
        if (!statement.MatchesAction(request) || !statement.MatchesResource(request))
        {
            return [];
        }

        var failing = statement.Conditions.Where(c => !c.Evaluate(request.Context)).ToList();
        return failing.Count > 0 && failing.All(c => !request.Context.ContainsKey(c.Clause.Key)) ? [.. failing.Select(c => c.Clause)] : [];
    }

    internal static StatementMatch Match(CompiledStatement statement, bool indeterminate, AccessRequest request)
    {
        if (!statement.MatchesAction(request) || statement.MatchPrincipal(request.Principal) == PrincipalMatch.None)
        {
            return StatementMatch.No;
        }

        // A deploy-time value (${Bucket.Arn}) may or may not be the requested resource: never decide on it.
        if (indeterminate)
        {
            return StatementMatch.Maybe;
        }

        return statement.MatchesResource(request) && statement.ConditionsHold(request.Context) ? StatementMatch.Yes : StatementMatch.No;
    }

    private enum LayerScan
    {
        NotAllowed,
        Perhaps,
        Allowed,
    }
}
