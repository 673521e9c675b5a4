using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Permissions;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Access;

/// <summary>Builds the <see cref="AccessReport"/> of an assembly from its roles' trust and permission policies.</summary>
public static class AccessAnalyzer
{
    public static AccessReport Analyze(CloudAssembly assembly) => new(assembly.Stacks.Select(Analyze).ToList());

    public static StackAccess Analyze(StackTemplate stack) =>
        new(stack.Name, stack.StackId, stack.Roles.Select(r => Analyze(stack, r)).ToList())
        {
            PermissionSets = [.. stack.OtherPolicyHolders.Where(h => h.ResourceType == TemplateReader.PermissionSetType).Select(p => AnalyzePermissionSet(stack, p))],
        };

    /// <summary>
    /// A permission set: what its sessions may do, computed as for a role, and who gets it where: each assignment
    /// (Identity Center provisions a role in the account that the user or group then signs in to).
    /// </summary>
    private static RoleAccess AnalyzePermissionSet(StackTemplate stack, RoleResource set)
    {
        var access = Analyze(stack, set);
        var assigned = stack.PermissionSetAssignments
            .Where(a => a.PermissionSet == set.LogicalId)
            .Select(a => new TrustGrant(Effect.Allow, "identity-center", $"{a.PrincipalType}:{a.PrincipalId}@{a.TargetId}",
                $"Identity Center {a.PrincipalType.ToLowerInvariant()} {a.PrincipalId} in account {a.TargetId}{AssignmentCaveat(stack, a)}",
                ["sso:assignment"], false, [], a.LogicalId, a.JsonPath))
            .ToList();
        return access with { AssumedBy = assigned };
    }

    private static string AssignmentCaveat(StackTemplate stack, PermissionSetAssignment assignment)
    {
        var unresolved = new[] { assignment.PrincipalId, assignment.TargetId }.SelectMany(SymbolicValue.SymbolsIn).Where(stack.IsUnresolvedSymbol).Distinct(StringComparer.Ordinal).ToList();
        return unresolved.Count == 0 ? string.Empty : $" (cannot be proved: depends on {string.Join(", ", unresolved)}, which the template does not fix)";
    }

    /// <summary>
    /// Decides one request of a role session like IAM would (<c>can-do</c>): the role's identity policies (inline and
    /// managed, AWS managed ones from the embedded snapshot), its permissions boundary and, with
    /// <paramref name="session"/> <c>profile:NAME</c>, the Roles Anywhere profile's session policies. Throws
    /// <see cref="ArgumentException"/> naming the fix for an unknown role, session or action.
    /// </summary>
    public static CanDoReport CanDo(StackTemplate stack, string role, string action, string resource, RequestContext? context = null, string? session = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(resource);
        var target = stack.FindRole(role)
            ?? throw new ArgumentException($"no role \"{role}\" in {stack.StackId}; roles: {string.Join(", ", stack.Roles.Select(r => r.ConfigName ?? r.LogicalId))}", nameof(role));
        var check = ServiceAuthorization.Check(action);
        if (action.Contains('*', StringComparison.Ordinal) || action.Contains('?', StringComparison.Ordinal) || !check.IsKnown)
        {
            var why = action.Contains('*', StringComparison.Ordinal) || action.Contains('?', StringComparison.Ordinal)
                ? $"\"{action}\" is a pattern; can-do decides one request, so name one action (e.g. {string.Join(", ", ServiceAuthorization.Expand(action).Take(3))})"
                : check.Message ?? $"\"{action}\" is not an action of the Service Authorization Reference";
            throw new ArgumentException(why, nameof(action));
        }

        if (resource.Length == 0 || (resource != "*" && !resource.StartsWith("arn:", StringComparison.Ordinal)))
        {
            throw new ArgumentException($"--resource \"{resource}\" is not an ARN (arn:partition:service:region:account:resource) or *", nameof(resource));
        }

        var catalog = ManagedPolicyCatalog.Embedded;
        SessionPermissions permissions;
        if (session is null)
        {
            permissions = SessionPermissionsReader.ForRole(stack, target, catalog);
        }
        else
        {
            const string Prefix = "profile:";
            var profiles = string.Join(", ", stack.RolesAnywhereProfiles.Select(p => Prefix + (p.Name ?? p.LogicalId)));
            if (!session.StartsWith(Prefix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"--session \"{session}\" is not profile:NAME (a Roles Anywhere profile of the stack: {(profiles.Length == 0 ? "none" : profiles)})", nameof(session));
            }

            var profile = SessionPermissionsReader.FindProfile(stack, session[Prefix.Length..])
                ?? throw new ArgumentException($"no Roles Anywhere profile \"{session[Prefix.Length..]}\" in {stack.StackId}; sessions: {(profiles.Length == 0 ? "none" : profiles)}", nameof(session));
            if (!profile.RoleLogicalIds.Contains(target.LogicalId, StringComparer.Ordinal))
            {
                throw new ArgumentException($"profile {profile.Name ?? profile.LogicalId} does not list role {target.ConfigName ?? target.LogicalId}, so it vends it no session; its roles: {string.Join(", ", profile.RoleLogicalIds.Select(id => stack.FindRoleByLogicalId(id)?.ConfigName ?? id))}", nameof(session));
            }

            permissions = SessionPermissionsReader.ForProfileSession(stack, target, profile, catalog);
        }

        var principal = RequestPrincipal.Parse(SessionPrincipalArn(stack, target));
        var request = new AccessRequest(principal, action, resource, context);
        return new CanDoReport(stack, target, permissions, permissions.Evaluate(request));
    }

    /// <summary>The role's ARN as the session's principal (a placeholder account when the stack's is not fixed).</summary>
    internal static string SessionPrincipalArn(StackTemplate stack, RoleResource role)
    {
        var account = stack.Environment.Account is { Length: 12 } fixedAccount && fixedAccount.All(char.IsAsciiDigit) ? fixedAccount : "000000000000";
        var name = role.RoleName is { } n && !SymbolicValue.ContainsSymbol(n) ? n : role.LogicalId;
        return $"arn:aws:iam::{account}:role/{name}";
    }

    public static RoleAccess Analyze(StackTemplate stack, RoleResource role)
    {
        // Every branch of a deploy-time Fn::If: what any branch lets in is shown, marked with its branch.
        var trust = role.Variants.Prepend(role)
            .SelectMany(r => r.TrustPolicy.Statements.SelectMany(s => Grants(stack, s, r.Branch)))
            .DistinctBy(g => $"{g.Effect}|{g.PrincipalKey}|{string.Join(",", g.Actions)}|{g.NotAction}|{string.Join(",", g.Conditions)}|{g.JsonPath}")
            .ToList();
        var permissions = role.PermissionPolicies
            .SelectMany(p => p.Document.Statements.Select(s => new PermissionGrant(
                s.Effect,
                p.Name,
                s.Label,
                (s.Action ?? s.NotAction)!.Values,
                s.NotAction is not null,
                (s.Resource ?? s.NotResource)?.Values ?? [],
                s.NotResource is not null,
                s.Conditions.Select(ConditionFact.From).ToList())))
            .ToList();
        var profiles = stack.RolesAnywhereProfiles
            .Where(p => p.RoleLogicalIds.Contains(role.LogicalId, StringComparer.Ordinal))
            .Select(p => p.Name ?? p.LogicalId)
            .ToList();
        var catalog = ManagedPolicyCatalog.Embedded;
        var sessions = new List<EffectiveAccess> { EffectiveAccessCalculator.Compute(SessionPermissionsReader.ForRole(stack, role, catalog)) };
        sessions.AddRange(stack.RolesAnywhereProfiles
            .Where(p => p.RoleLogicalIds.Contains(role.LogicalId, StringComparer.Ordinal))
            .OrderBy(p => p.Name ?? p.LogicalId, StringComparer.Ordinal)
            .Select(p => EffectiveAccessCalculator.Compute(SessionPermissionsReader.ForProfileSession(stack, role, p, catalog))));
        return new RoleAccess(role.LogicalId, role.ConfigName, role.MaxSessionDurationSeconds, role.PermissionsBoundary,
            trust, permissions, role.ManagedPolicyArns, profiles)
        {
            Effective = sessions,
            TemplateFile = Path.GetFileName(stack.FileOf(role.LogicalId)),
            RoleName = role.RoleName,
            PodIdentities = [.. stack.PodIdentityLinks.Where(p => p.Role == role.LogicalId)],
        };
    }

    private static IEnumerable<TrustGrant> Grants(StackTemplate stack, Statement statement, string? branch)
    {
        if (statement.Principal is null && statement.NotPrincipal is null)
        {
            // IAM requires a Principal in a trust policy; such a statement lets nobody in (check: EIAM-TRUST-004).
            yield break;
        }

        var actions = (statement.Action ?? statement.NotAction)!.Values;
        var conditions = statement.Conditions.Select(ConditionFact.From).ToList();
        var principals = statement.Principal ?? statement.NotPrincipal;
        IEnumerable<(string Kind, string Identity)> who = principals switch
        {
            null or { IsWildcard: true } => [("anyone", "*")],
            _ => principals.Entries.Select(Classify),
        };
        foreach (var (kind, identity) in who.Distinct())
        {
            var effectiveKind = statement.NotPrincipal is null ? kind : "anyone";
            var effectiveIdentity = statement.NotPrincipal is null ? identity : $"* except {identity}";
            yield return new TrustGrant(
                statement.Effect,
                effectiveKind,
                effectiveIdentity,
                TrustDescriber.Describe(stack, effectiveKind, effectiveIdentity, statement) + Caveats(stack, statement, branch),
                actions,
                statement.NotAction is not null,
                conditions,
                statement.Label,
                statement.JsonPath);
        }
    }

    /// <summary>Says when a grant holds only in one branch, or depends on a value the template does not fix.</summary>
    private static string Caveats(StackTemplate stack, Statement statement, string? branch)
    {
        var values = (statement.Principal ?? statement.NotPrincipal)!.Entries.Select(e => e.Value)
            .Concat(statement.Conditions.SelectMany(c => c.Values.Append(c.Key)));
        var unresolved = values.SelectMany(SymbolicValue.SymbolsIn).Where(stack.IsUnresolvedSymbol).Distinct(StringComparer.Ordinal).ToList();
        var text = branch is null ? string.Empty : $" (when {branch})";
        return unresolved.Count == 0 ? text : text + $" (cannot be proved: depends on {string.Join(", ", unresolved)}, which the template does not fix)";
    }

    private static (string Kind, string Identity) Classify(PrincipalEntry entry)
    {
        switch (entry.Kind)
        {
            case PrincipalKind.Service:
                return ("service", entry.Value);
            case PrincipalKind.Federated:
                var provider = FederatedProvider.From(entry.Value);
                return provider.IsSaml ? ("saml", entry.Value) : ("oidc", provider.Name);
            case PrincipalKind.Aws when entry.Value == "*":
                return ("anyone", "*");
            case PrincipalKind.Aws when PrincipalMatcher.AccountOf(entry.Value) is { } account:
                return ("account", account);
            case PrincipalKind.Aws:
                return ("aws-principal", entry.Value);
            default:
                return ("canonical-user", entry.Value);
        }
    }
}
