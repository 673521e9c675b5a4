using EdgeIam.Policy.Access;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Permissions;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Assertions;

/// <summary>
/// Evaluates <c>canDo</c>/<c>cannotDo</c> with the permission engine (<see cref="SessionPermissions"/>, as
/// <c>can-do</c> does): the role's identity policies, its permissions boundary and, for <c>session: profile:NAME</c>,
/// the Roles Anywhere profile's session policies, for a request whose principal is the role's ARN
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
/// <para>
/// <c>canDo</c> holds when the request is proved <see cref="PermissionOutcome.Allowed"/>. <c>cannotDo</c> holds only
/// when, for every matching action, no request that carries at least the assertion's context could be allowed: a
/// Deny applies that no further condition key can lift (none of its conditions or policy variables reads a key the
/// assertion does not give; for <c>resource: "*"</c> it denies on every resource), or some policy layer has no
/// Allow that applies or could apply once the request carries more keys. Anything else fails: an Allow that applies,
/// an Allow that would apply with a key the assertion does not give (a conditional allow, including a resource such
/// as <c>devices/${aws:PrincipalTag/x509Subject/CN}/*</c> whose variable the request lacks), an unknown policy or a
/// deploy-time value where the answer could depend on it ("cannot be proved").
/// </para>
/// </summary>
internal static class PermissionAssertionCheck
{
    /// <summary>How many allowed actions of a pattern a failure names.</summary>
    internal const int NamedActions = 3;

    /// <summary>A resource of no real service, in the role's partition: a Deny that matches both denies everywhere.</summary>
    private static readonly string[] EverywhereProbes =
    [
        "arn:aws:edgeiamprobeservice:us-east-1:123456789012:edgeiam-probe/resource:q7",
        "arn:aws:edgeiamprobeservice:::edgeiam-probe/resource:q7",
    ];

    /// <summary>The result: a problem that stops evaluation (at the assertion), and one failure per role that breaks it.</summary>
    internal sealed record Outcome(string? Problem, IReadOnlyList<RoleFailure> Failures, IReadOnlyList<CanDoReport> Reports);

    /// <summary>Why one role (one session of it) breaks the assertion, and the template path of what decided.</summary>
    internal sealed record RoleFailure(RoleResource Role, string JsonPath, string Message, CanDoReport? Report = null);

    /// <summary>What a <c>cannotDo</c> request comes to: whether it holds, the evaluation, and why not.</summary>
    internal sealed record Judgement(bool Holds, PermissionEvaluation Evaluation, string? Why, StatementHit? Deciding, PolicyLayer? Layer);

    /// <param name="reports">Keep a <see cref="CanDoReport"/> for every request (for <see cref="AccessAssert"/>); <c>check</c> needs only the failures.</param>
    public static Outcome Evaluate(StackTemplate stack, PermissionAssertion assertion, bool reports = false)
    {
        var check = ServiceAuthorization.Check(assertion.Action);
        if (!check.IsKnown)
        {
            return Problem($"action '{assertion.Action}': {check.Message ?? "names no action of the Service Authorization Reference"}");
        }

        var isPattern = assertion.Action.AsSpan().IndexOfAny('*', '?') >= 0;
        if (assertion.MustAllow && isPattern)
        {
            return Problem($"canDo decides one request, but '{assertion.Action}' is a pattern; name one action (e.g. {string.Join(", ", ServiceAuthorization.Expand(assertion.Action).Take(NamedActions))})");
        }

        var actions = ServiceAuthorization.Expand(assertion.Action);
        if (!IsResource(assertion.Resource))
        {
            return Problem($"resource '{assertion.Resource}' is not an ARN (arn:partition:service:region:account:resource) or *");
        }

        RolesAnywhereProfileResource? profile = null;
        if (assertion.Session is { } session)
        {
            const string Prefix = "profile:";
            var sessions = string.Join(", ", stack.RolesAnywhereProfiles.Select(p => Prefix + (p.Name ?? p.LogicalId)));
            if (!session.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return Problem($"session '{session}' is not profile:NAME (sessions: {(sessions.Length == 0 ? "none" : sessions)})");
            }

            profile = SessionPermissionsReader.FindProfile(stack, session[Prefix.Length..]);
            if (profile is null)
            {
                return Problem($"the stack has no Roles Anywhere profile '{session[Prefix.Length..]}' (sessions: {(sessions.Length == 0 ? "none" : sessions)})");
            }
        }

        var (problem, roles) = Roles(stack, assertion, profile);
        if (problem is not null)
        {
            return Problem(problem);
        }

        var failures = new List<RoleFailure>();
        var decisions = reports ? new List<CanDoReport>() : null;
        foreach (var (role, trustNote) in roles)
        {
            var failure = assertion.MustAllow
                ? CanDo(stack, role, profile, assertion, actions[0], decisions)
                : CannotDo(stack, role, profile, assertion, actions, decisions);
            if (failure is not null)
            {
                failures.Add(trustNote is null ? failure : failure with { Message = $"{failure.Message} ({trustNote})" });
            }
        }

        return new Outcome(null, failures, decisions ?? []);
    }

    /// <summary>
    /// Decides one action of a <c>cannotDo</c> for one session. <paramref name="anyResource"/>: the request's resource
    /// stands for every resource (<c>resource: "*"</c>).
    /// </summary>
    public static Judgement Judge(SessionPermissions permissions, AccessRequest request, bool anyResource)
    {
        var evaluation = anyResource ? EvaluateAnywhere(permissions, request) : WithPotentialAllows(permissions, permissions.Evaluate(request));
        var context = request.Context;
        if (evaluation.Layers.SelectMany(l => l.Denies).FirstOrDefault(d => Firm(d, context, anyResource)) is { } deny)
        {
            return new Judgement(true, evaluation, null, deny, deny.Policy.Layer);
        }

        if (evaluation.Layers.FirstOrDefault(l => !CouldAllow(l)) is { } closed)
        {
            return new Judgement(true, evaluation, null, null, closed.Layer);
        }

        // Every layer allows, or could: say what stands in the way of a proof, most direct first.
        if (evaluation.Layers.All(l => l.Allowed))
        {
            var allow = evaluation.Layers[0].Allows[0];
            var soft = evaluation.Layers.SelectMany(l => l.Denies.Concat(l.Perhaps.Where(p => p.Statement.Effect == Effect.Deny))).FirstOrDefault()
                ?? (anyResource ? PartialDeny(permissions, request) : null);
            var unknown = evaluation.Layers.SelectMany(l => l.Unknown).FirstOrDefault();
            string why;
            if (soft is not null)
            {
                // A Deny applies (or perhaps applies), but it does not rule the action out.
                var absent = AbsentKeys(soft.Statement, context);
                var lift = soft.Match == StatementMatch.Maybe
                    ? "holds a deploy-time value"
                    : absent.Count > 0 ? $"applies only while the request lacks {string.Join(" and ", absent)}" : "does not deny it on every resource";
                why = $"every layer allows it ({LayerText(evaluation)}) and the only Deny, {CanDoReport.Describe(soft)}, {lift}";
            }
            else
            {
                why = unknown is null
                    ? $"it is allowed ({LayerText(evaluation)})"
                    : $"it is allowed ({LayerText(evaluation)}) unless {unknown.Label} denies it, which cannot be seen: {unknown.Unknown}";
            }

            return new Judgement(false, evaluation, why, allow, allow.Policy.Layer);
        }

        var uncertain = evaluation.Layers.FirstOrDefault(l => !l.Allowed && (l.Unknown.Count > 0 || l.Perhaps.Any(p => p.Statement.Effect == Effect.Allow)));
        if (uncertain is not null)
        {
            var hit = uncertain.Perhaps.FirstOrDefault(p => p.Statement.Effect == Effect.Allow);
            var why = uncertain.Unknown.Count > 0
                ? $"{uncertain.Unknown[0].Label}: {uncertain.Unknown[0].Unknown}"
                : $"{CanDoReport.Describe(hit!)} holds a deploy-time value, so whether it applies is not known offline";
            return new Judgement(false, evaluation, $"it cannot be proved: the {CanDoReport.LayerName(uncertain.Layer)} could allow it ({why})", hit, uncertain.Layer);
        }

        // What is left: a layer that allows only with a condition key the assertion does not give.
        var conditional = evaluation.Layers.First(l => !l.Allowed);
        var potential = conditional.ConditionalAllows[0];
        return new Judgement(false, evaluation,
            $"it would be allowed once the request carries {string.Join(" and ", AbsentKeys(potential.Statement, context))}: {CanDoReport.Describe(potential)} (a conditional allow; give the keys in context to pin the request)",
            potential, conditional.Layer);
    }

    /// <summary>For any resource: a Deny whose conditions hold but that names only some resources.</summary>
    private static StatementHit? PartialDeny(SessionPermissions permissions, AccessRequest request) =>
        permissions.AllPolicies.Where(p => p.Policy is not null)
            .SelectMany(p => p.Policy!.Statements.Where(s => s.IsDeny && s.MatchesAction(request) && s.ConditionsHold(request.Context)).Select(s => new StatementHit(p, s.Source, StatementMatch.Yes, [])))
            .FirstOrDefault();

    /// <summary>Where a hit is in the template: its statement when the template holds it, else the profile or role that brings it in.</summary>
    internal static string PathOf(StatementHit? hit, RoleResource role, RolesAnywhereProfileResource? profile) =>
        hit is null ? role.JsonPath
        : hit.Statement.JsonPath.StartsWith("$.Resources", StringComparison.Ordinal) ? hit.Statement.JsonPath
        : hit.Policy.Layer == PolicyLayer.SessionPolicy && profile is not null ? profile.JsonPath
        : role.JsonPath;

    private static Outcome Problem(string problem) => new(problem, [], []);

    private static bool IsResource(string resource) =>
        resource == "*" || (resource.StartsWith("arn:", StringComparison.Ordinal) && resource.Count(c => c == ':') >= 5 && !resource.Any(char.IsWhiteSpace));

    /// <summary>The roles the assertion applies to, each with a note when its trust only cannot be proved to keep the caller out.</summary>
    private static (string? Problem, IReadOnlyList<(RoleResource Role, string? TrustNote)> Roles) Roles(StackTemplate stack, PermissionAssertion assertion, RolesAnywhereProfileResource? profile)
    {
        string ProfileName() => profile!.Name ?? profile.LogicalId;
        if (assertion.PermissionSet is { } setName)
        {
            return PermissionSet(stack, setName);
        }

        if (assertion.Role is { } name)
        {
            var role = stack.FindRole(name);
            if (role is null)
            {
                return ($"the stack has no role '{name}' (roles: {string.Join(", ", stack.Roles.Select(r => r.ConfigName ?? r.LogicalId))})", []);
            }

            if (profile is not null && !profile.RoleLogicalIds.Contains(role.LogicalId, StringComparer.Ordinal))
            {
                return ($"profile {ProfileName()} does not list role {role.ConfigName ?? role.LogicalId}, so it vends it no session; its roles: {string.Join(", ", profile.RoleLogicalIds.Select(id => stack.FindRoleByLogicalId(id)?.ConfigName ?? id))}", []);
            }

            return (null, [(role, null)]);
        }

        var caller = assertion.AssumableBy!;
        var (problem, _) = AssumeAssertionCheck.Requests(stack, caller);
        if (problem is not null)
        {
            return ($"assumableBy: {problem}", []);
        }

        var roles = new List<(RoleResource, string?)>();
        var proved = 0;
        foreach (var role in stack.Roles.Where(r => profile is null || profile.RoleLogicalIds.Contains(r.LogicalId, StringComparer.Ordinal)))
        {
            // Fail closed: a role whose trust cannot be proved to refuse the caller counts as assumable by it.
            var trust = AssumeAssertionCheck.Evaluate(stack, role, caller);
            if (trust.ProvedDenied)
            {
                continue;
            }

            proved += trust.ProvedAllowed ? 1 : 0;
            roles.Add((role, trust.ProvedAllowed ? null : $"its trust cannot be proved to refuse {caller.Label}, so it counts as assumable: {AssumeAssertionCheck.Explain(trust.Deciding!)}"));
        }

        var where = profile is null ? "the stack" : $"profile {ProfileName()}";
        if (assertion.MustAllow && proved == 0)
        {
            return ($"no role of {where} is proved to let {caller.Label} in, so nothing shows it can do {assertion.Action}", []);
        }

        if (roles.Count == 0)
        {
            // Never an assertion that tests nothing: a caller context that no trust policy accepts (a typo, a missing
            // claim or issuer) would otherwise pass it silently.
            return ($"no role of {where} lets {caller.Label} in (each trust policy refuses it), so the assertion checks nothing; give the context its requests carry (token claims, aws:PrincipalTag/x509Issuer/CN), or state that it gets no role with cannotAssume", []);
        }

        return (null, roles);
    }

    /// <summary>
    /// A permission set of the stack by its stack-file name (or logical ID). Its sessions exist only where it is
    /// assigned, so one with no assignment in the stack is a problem: the assertion would check nothing.
    /// </summary>
    private static (string? Problem, IReadOnlyList<(RoleResource Role, string? TrustNote)> Roles) PermissionSet(StackTemplate stack, string name)
    {
        // The rules' view of a stack lists every policy holder among its roles; the reader's keeps them apart.
        var sets = stack.Roles.Concat(stack.OtherPolicyHolders).Where(h => h.ResourceType == TemplateReader.PermissionSetType).ToList();
        var set = sets.FirstOrDefault(s => string.Equals(s.ConfigName, name, StringComparison.Ordinal))
            ?? sets.FirstOrDefault(s => string.Equals(s.LogicalId, name, StringComparison.Ordinal));
        if (set is null)
        {
            var listed = sets.Count == 0 ? "none" : string.Join(", ", sets.Select(s => s.ConfigName ?? s.LogicalId));
            return ($"the stack has no Identity Center permission set '{name}' (permission sets: {listed})", []);
        }

        if (!stack.PermissionSetAssignments.Any(a => a.PermissionSet == set.LogicalId))
        {
            return ($"permission set {name} is assigned to no account in the stack, so no session of it exists here and the assertion checks nothing; assign it (identityCenter.assignments) or remove the assertion", []);
        }

        return (null, [(set, null)]);
    }

    /// <summary>
    /// The condition keys IAM derives from the session's principal. For a permission set that principal is the
    /// <c>AWSReservedSSO_&lt;name&gt;_&lt;suffix&gt;</c> role Identity Center provisions in each assigned account
    /// (https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html), whose suffix the
    /// template does not fix: a statement that reads one of them cannot be decided offline.
    /// </summary>
    private static readonly string[] PrincipalKeys = ["aws:PrincipalArn", "aws:PrincipalAccount", "aws:userid", "aws:username"];

    /// <summary>For a permission set: a failure when a statement that could decide one of the actions reads a principal key.</summary>
    private static RoleFailure? PrincipalUnknown(RoleResource reading, SessionPermissions permissions, IReadOnlyList<string> actions)
    {
        if (reading.ResourceType != TemplateReader.PermissionSetType)
        {
            return null;
        }

        var normalized = actions.Select(a => a.ToLowerInvariant()).ToList();
        foreach (var statement in permissions.AllPolicies.Where(p => p.Policy is not null).SelectMany(p => p.Policy!.Statements))
        {
            var reads = KeysRead(statement.Source).FirstOrDefault(k => PrincipalKeys.Contains(k, StringComparer.OrdinalIgnoreCase));
            if (reads is not null && normalized.Any(statement.MatchesAction))
            {
                return new RoleFailure(reading, statement.Source.JsonPath.StartsWith("$.Resources", StringComparison.Ordinal) ? statement.Source.JsonPath : reading.JsonPath,
                    $"{reading.DisplayName} cannot be proved either way: statement {statement.Source.Label} reads {reads}, which for a permission set's session is the AWSReservedSSO_{reading.ConfigName ?? reading.LogicalId}_<suffix> role Identity Center provisions in each assigned account, and the template does not fix it.");
            }
        }

        return null;
    }

    private static RoleFailure? CanDo(StackTemplate stack, RoleResource role, RolesAnywhereProfileResource? profile, PermissionAssertion assertion, string action, List<CanDoReport>? reports)
    {
        foreach (var reading in Readings(role))
        {
            if (Unread(reading, profile) is { } unread)
            {
                return unread;
            }

            var permissions = Permissions(stack, reading, profile);
            if (PrincipalUnknown(reading, permissions, [action]) is { } unknown)
            {
                return unknown;
            }

            var request = Requests(stack, reading, assertion)(action);
            var evaluation = permissions.Evaluate(request);
            var report = new CanDoReport(stack, reading, permissions, evaluation);
            reports?.Add(report);
            if (evaluation.Outcome == PermissionOutcome.Allowed)
            {
                continue;
            }

            var (why, hit) = NotAllowed(evaluation);
            return new RoleFailure(role, PathOf(hit, role, profile),
                $"{Who(reading, permissions)} must be allowed {action} on {assertion.Resource}, but it is {evaluation.Outcome}: {why.TrimEnd('.')}{Note(evaluation)}.", report);
        }

        return null;
    }

    private static RoleFailure? CannotDo(StackTemplate stack, RoleResource role, RolesAnywhereProfileResource? profile, PermissionAssertion assertion, IReadOnlyList<string> actions, List<CanDoReport>? reports)
    {
        foreach (var reading in Readings(role))
        {
            if (Unread(reading, profile) is { } unread)
            {
                return unread;
            }

            var permissions = Permissions(stack, reading, profile);
            if (PrincipalUnknown(reading, permissions, actions) is { } unknown)
            {
                return unknown;
            }

            var request = Requests(stack, reading, assertion);
            var failing = new List<(string Action, Judgement Judgement, CanDoReport Report)>();
            foreach (var action in actions)
            {
                if (reports is null && !IdentityCouldAllow(permissions, action.ToLowerInvariant()))
                {
                    // No identity Allow names the action and every identity policy is known: implicitly denied,
                    // whatever the request carries (the judgement would say so too, at the cost of a full evaluation).
                    continue;
                }

                var judgement = Judge(permissions, request(action), assertion.Resource == "*");
                var report = new CanDoReport(stack, reading, permissions, judgement.Evaluation);
                reports?.Add(report);
                if (!judgement.Holds)
                {
                    failing.Add((action, judgement, report));
                }
            }

            if (failing.Count == 0)
            {
                continue;
            }

            var (first, firstJudgement, firstReport) = failing[0];
            var where = assertion.Resource == "*" ? "any resource" : assertion.Resource;
            var which = actions.Count == 1
                ? first
                : $"{failing.Count} of the {actions.Count} actions {assertion.Action} matches ({string.Join(", ", failing.Take(NamedActions).Select(f => f.Action))}{(failing.Count > NamedActions ? $" and {failing.Count - NamedActions} more" : string.Empty)}); {first}";
            return new RoleFailure(role, PathOf(firstJudgement.Deciding, role, profile),
                $"{Who(reading, permissions)} must not be able to do {assertion.Action} on {where}, but {which}: {firstJudgement.Why}.", firstReport);
        }

        return null;
    }

    private static bool IdentityCouldAllow(SessionPermissions permissions, string normalizedAction) =>
        permissions.Identity.Any(p => p.Policy is null || p.Policy.Statements.Any(s => !s.IsDeny && s.MatchesAction(normalizedAction)));

    /// <summary>A failure when not every deploy-time branch of the role was read: its permissions are not all known.</summary>
    private static RoleFailure? Unread(RoleResource reading, RolesAnywhereProfileResource? profile) =>
        reading.UnreadConditions.Count == 0 ? null
        : new RoleFailure(reading, reading.JsonPath,
            $"{reading.DisplayName}{(profile is null ? string.Empty : $" (profile:{profile.Name ?? profile.LogicalId})")} cannot be proved either way: it uses more deploy-time conditions than are enumerated ({string.Join(", ", reading.UnreadConditions)}).");

    private static IEnumerable<RoleResource> Readings(RoleResource role) => [role, .. role.Variants];

    private static SessionPermissions Permissions(StackTemplate stack, RoleResource role, RolesAnywhereProfileResource? profile) =>
        profile is null
            ? SessionPermissionsReader.ForRole(stack, role, ManagedPolicyCatalog.Embedded)
            : SessionPermissionsReader.ForProfileSession(stack, role, profile, ManagedPolicyCatalog.Embedded);

    /// <summary>The requests of the role's session, by action: principal the role's ARN, the assertion's resource and context.</summary>
    private static Func<string, AccessRequest> Requests(StackTemplate stack, RoleResource role, PermissionAssertion assertion)
    {
        var principal = RequestPrincipal.Parse(role.ResourceType == TemplateReader.PermissionSetType
            ? PermissionSetSessionArn(stack, role)
            : AccessAnalyzer.SessionPrincipalArn(stack, role));
        // Built once with the keys derived from the principal, so each request reuses it as it is.
        var context = new AccessRequest(principal, "sts:GetCallerIdentity", assertion.Resource, RequestContext.From(assertion.Context)).Context;
        return action => new AccessRequest(principal, action, assertion.Resource, context);
    }

    /// <summary>
    /// The role Identity Center provisions for a permission set, in its first assigned account: only the shape is
    /// known (the suffix is a placeholder), which is why <see cref="PrincipalUnknown"/> refuses statements that read it.
    /// </summary>
    private static string PermissionSetSessionArn(StackTemplate stack, RoleResource set)
    {
        var account = stack.PermissionSetAssignments.Where(a => a.PermissionSet == set.LogicalId).Select(a => a.TargetId)
            .FirstOrDefault(t => t.Length == 12 && t.All(char.IsAsciiDigit)) ?? "000000000000";
        return $"arn:aws:iam::{account}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_{set.ConfigName ?? set.LogicalId}_0000000000000000";
    }

    private static string Who(RoleResource reading, SessionPermissions permissions) =>
        $"{reading.DisplayName}{(permissions.SessionName is { } s ? $" in session {s}" : string.Empty)}{(reading.Branch is { } b ? $" (when {b})" : string.Empty)}";

    /// <summary>Why a request is not proved allowed, and the statement that shows it (null when a layer simply has no Allow).</summary>
    private static (string Why, StatementHit? Hit) NotAllowed(PermissionEvaluation evaluation)
    {
        if (evaluation.Layers.SelectMany(l => l.Denies).FirstOrDefault() is { } deny)
        {
            return ($"denied by {CanDoReport.Describe(deny)} in the {CanDoReport.LayerName(deny.Policy.Layer)}", deny);
        }

        if (evaluation.Layers.FirstOrDefault(l => !l.Allowed && l.Unknown.Count == 0 && !l.Perhaps.Any(p => p.Statement.Effect == Effect.Allow)) is { } closed)
        {
            return ($"the {CanDoReport.LayerName(closed.Layer)} {(closed.Layer == PolicyLayer.Identity ? "grant" : "allow")} nothing that matches ({LayerText(evaluation)})", null);
        }

        var uncertain = evaluation.Layers.First(l => !l.Certain);
        if (uncertain.Unknown.Count > 0)
        {
            return ($"the {CanDoReport.LayerName(uncertain.Layer)} cannot be proved: {uncertain.Unknown[0].Label}: {uncertain.Unknown[0].Unknown}", null);
        }

        var perhaps = uncertain.Perhaps[0];
        return ($"the {CanDoReport.LayerName(uncertain.Layer)} cannot be proved: {CanDoReport.Describe(perhaps)} holds a deploy-time value, so whether it applies is not known offline", perhaps);
    }

    /// <summary>Names the identity Allow that a missing condition key keeps from applying, if any.</summary>
    private static string Note(PermissionEvaluation evaluation) =>
        evaluation.ConditionalAllows.FirstOrDefault() is { } c
            ? $"; {CanDoReport.Describe(c)} would allow it once the request carries {(c.MissingKeyConditions.Count > 0 ? string.Join(" and ", c.MissingKeyConditions.Select(CanDoReport.Describe)) : string.Join(" and ", AbsentKeys(c.Statement, evaluation.Request.Context)))}"
            : string.Empty;

    private static string LayerText(PermissionEvaluation evaluation) =>
        string.Join("; ", evaluation.Layers.Select(l =>
            $"{CanDoReport.LayerName(l.Layer)}: {(l.Denied ? "deny" : l.Allowed ? "allow" : l.Certain ? "do not allow" : "cannot be proved")}"
            + (l.Allows.Count > 0 && !l.Denied ? $" by {CanDoReport.Describe(l.Allows[0])}" : string.Empty)));

    /// <summary>A layer that allows the request, perhaps allows it, cannot be seen, or would allow it with more keys.</summary>
    private static bool CouldAllow(LayerVerdict layer) =>
        layer.Allowed || layer.Unknown.Count > 0 || layer.Perhaps.Any(p => p.Statement.Effect == Effect.Allow) || layer.ConditionalAllows.Count > 0;

    /// <summary>
    /// A Deny no further condition key can lift: it applies, none of its conditions or policy variables reads a key the
    /// request does not carry, and (for any resource) it denies on every resource.
    /// </summary>
    private static bool Firm(StatementHit deny, RequestContext context, bool anyResource) =>
        deny.Match == StatementMatch.Yes && AbsentKeys(deny.Statement, context).Count == 0 && (!anyResource || Everywhere(deny.Statement));

    /// <summary>A statement whose Resource names every resource (a NotResource never does: it excludes some).</summary>
    private static bool Everywhere(Statement statement) =>
        statement.NotResource is null && (statement.Resource?.Values ?? ["*"]).Any(DeniesEverywhere);

    private static bool DeniesEverywhere(string resource)
    {
        if (SymbolicValue.ContainsSymbol(resource) || VariableTemplate.Parse(resource).IsDynamic)
        {
            return false;
        }

        var pattern = ArnPattern.Compile(resource);
        return EverywhereProbes.All(p => pattern.IsMatch(p));
    }

    /// <summary>The condition keys a statement reads (in its conditions, or as policy variables) that the request does not carry.</summary>
    internal static IReadOnlyList<string> AbsentKeys(Statement statement, RequestContext context) =>
        [.. KeysRead(statement).Where(k => !context.ContainsKey(k)).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The condition keys a statement reads: its conditions' keys, and the policy variables of its values and resources.</summary>
    private static IEnumerable<string> KeysRead(Statement statement) =>
        statement.Conditions.Select(c => c.Key)
            .Concat(statement.Conditions.SelectMany(c => c.Values).Concat((statement.Resource ?? statement.NotResource)?.Values ?? []).SelectMany(VariableKeys));

    private static IEnumerable<string> VariableKeys(string value) =>
        value.Contains("${", StringComparison.Ordinal) ? VariableTemplate.Parse(value).VariableNames : [];

    /// <summary>The evaluation with each layer's conditional allows found by <see cref="Potential"/> (every layer, resource variables too).</summary>
    private static PermissionEvaluation WithPotentialAllows(SessionPermissions permissions, PermissionEvaluation evaluation) =>
        evaluation with
        {
            Layers = [.. evaluation.Layers.Select(l => l with { ConditionalAllows = [.. PoliciesOf(permissions, l.Layer).SelectMany(p => Potential(p, evaluation.Request, anyResource: false))] })],
        };

    private static IReadOnlyList<LayerPolicy> PoliciesOf(SessionPermissions permissions, PolicyLayer layer) => layer switch
    {
        PolicyLayer.Identity => permissions.Identity,
        PolicyLayer.PermissionsBoundary => permissions.Boundary ?? [],
        _ => permissions.Session ?? [],
    };

    /// <summary>
    /// The Allow statements of <paramref name="policy"/> that do not apply to the request but could once it carries
    /// keys it lacks: the action matches, the resource could match with the missing policy variables, and every failing
    /// condition reads a missing key (or a missing variable).
    /// </summary>
    private static IEnumerable<StatementHit> Potential(LayerPolicy policy, AccessRequest request, bool anyResource)
    {
        if (policy.Policy is not { } compiled)
        {
            yield break;
        }

        for (var i = 0; i < compiled.Statements.Count; i++)
        {
            var statement = compiled.Statements[i];
            if (statement.IsDeny || !statement.MatchesAction(request) || statement.MatchPrincipal(request.Principal) == Evaluation.PrincipalMatch.None
                || (anyResource ? ConditionIndeterminate(statement.Source) : policy.Indeterminate[i]))
            {
                continue;
            }

            var resource = anyResource ? SomeResource(statement.Source) : statement.CouldMatchResource(request);
            if (!resource || (!anyResource && statement.MatchesResource(request) && statement.ConditionsHold(request.Context)))
            {
                continue;
            }

            var failing = statement.Conditions.Where(c => !c.Evaluate(request.Context)).Select(c => c.Clause).ToList();
            if (anyResource && failing.Count == 0)
            {
                continue;
            }

            var absent = AbsentKeys(statement.Source, request.Context);
            if (failing.All(c => absent.Contains(c.Key, StringComparer.OrdinalIgnoreCase) || c.Values.SelectMany(VariableKeys).Any(k => absent.Contains(k, StringComparer.OrdinalIgnoreCase))))
            {
                yield return new StatementHit(policy, statement.Source, StatementMatch.No, failing);
            }
        }
    }

    /// <summary>
    /// The request on any resource: an Allow whose conditions hold applies wherever it names (a Resource list always
    /// names some resource; a NotResource excludes every resource only with <c>*</c>); only a Deny on every resource
    /// counts as a Deny. Deploy-time values in conditions make a statement perhaps-applying.
    /// </summary>
    private static PermissionEvaluation EvaluateAnywhere(SessionPermissions permissions, AccessRequest request)
    {
        var verdicts = new List<LayerVerdict>();
        foreach (var (layer, policies) in new[] { (PolicyLayer.Identity, permissions.Identity), (PolicyLayer.PermissionsBoundary, permissions.Boundary), (PolicyLayer.SessionPolicy, permissions.Session) })
        {
            if (policies is null)
            {
                continue;
            }

            var allows = new List<StatementHit>();
            var denies = new List<StatementHit>();
            var perhaps = new List<StatementHit>();
            foreach (var policy in policies.Where(p => p.Policy is not null))
            {
                foreach (var statement in policy.Policy!.Statements)
                {
                    if (!statement.MatchesAction(request) || statement.MatchPrincipal(request.Principal) == Evaluation.PrincipalMatch.None)
                    {
                        continue;
                    }

                    if (ConditionIndeterminate(statement.Source))
                    {
                        perhaps.Add(new StatementHit(policy, statement.Source, StatementMatch.Maybe, []));
                    }
                    else if (statement.ConditionsHold(request.Context) && (statement.IsDeny ? Everywhere(statement.Source) : SomeResource(statement.Source)))
                    {
                        (statement.IsDeny ? denies : allows).Add(new StatementHit(policy, statement.Source, StatementMatch.Yes, []));
                    }
                }
            }

            verdicts.Add(new LayerVerdict(layer, allows, denies, perhaps, [.. policies.Where(p => p.Policy is null)], [.. policies.SelectMany(p => Potential(p, request, anyResource: true))]));
        }

        var outcome = verdicts.Any(v => v.Denied) ? PermissionOutcome.ExplicitlyDenied
            : verdicts.Any(v => !v.Allowed && v.Certain) ? PermissionOutcome.ImplicitlyDenied
            : verdicts.All(v => v.Allowed && v.Certain) ? PermissionOutcome.Allowed
            : PermissionOutcome.CannotProve;
        return new PermissionEvaluation(outcome, request, verdicts);
    }

    /// <summary>An Allow's resource element names at least one resource (a NotResource of <c>*</c> names none).</summary>
    private static bool SomeResource(Statement statement) =>
        statement.NotResource is not { } excluded || !excluded.Values.Any(DeniesEverywhere);

    private static bool ConditionIndeterminate(Statement statement) =>
        statement.Conditions.Any(c => c.Values.Any(SymbolicValue.ContainsSymbol));
}
