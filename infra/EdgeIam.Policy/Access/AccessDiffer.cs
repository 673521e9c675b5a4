using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;
using EdgeIam.Shared;

namespace EdgeIam.Policy.Access;

/// <summary>
/// Compares the access of two assemblies role by role (matched by stack name, then config name or logical ID): new and
/// removed principals, widened or narrowed patterns, dropped conditions, new actions, managed policies, session length.
/// </summary>
public static class AccessDiffer
{
    public static AccessDiff Diff(AccessReport baseReport, AccessReport headReport)
    {
        var changes = new List<AccessChange>();
        var stacks = baseReport.Stacks.Select(s => s.Name).Union(headReport.Stacks.Select(s => s.Name)).Order(StringComparer.Ordinal);
        foreach (var name in stacks)
        {
            var baseRoles = baseReport.Stacks.FirstOrDefault(s => s.Name == name)?.Roles ?? [];
            var headRoles = headReport.Stacks.FirstOrDefault(s => s.Name == name)?.Roles ?? [];
            var keys = baseRoles.Select(r => r.Key).Union(headRoles.Select(r => r.Key)).Order(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                var before = baseRoles.FirstOrDefault(r => r.Key == key);
                var after = headRoles.FirstOrDefault(r => r.Key == key);
                changes.AddRange(DiffRole(name, before, after));
            }

            // Permission sets read as roles whose "trust" is their account assignments.
            var baseSets = baseReport.Stacks.FirstOrDefault(s => s.Name == name)?.PermissionSets ?? [];
            var headSets = headReport.Stacks.FirstOrDefault(s => s.Name == name)?.PermissionSets ?? [];
            foreach (var key in baseSets.Select(r => r.Key).Union(headSets.Select(r => r.Key)).Order(StringComparer.Ordinal))
            {
                changes.AddRange(DiffRole(name, baseSets.FirstOrDefault(r => r.Key == key), headSets.FirstOrDefault(r => r.Key == key)).Select(AsPermissionSet));
            }
        }

        return new AccessDiff(changes);
    }

    private static AccessChange AsPermissionSet(AccessChange change) => change with
    {
        Role = $"permission set {change.Role}",
        Area = change.Area switch
        {
            "trust" => "assignment",
            "role" => "permission set",
            var area => area,
        },
        Summary = change.Summary switch
        {
            "new role" => "new permission set",
            "role removed" => "permission set removed",
            var s when s.StartsWith("role replaced", StringComparison.Ordinal) => "permission set replaced" + s["role replaced".Length..],
            var s when s.StartsWith("new principal: ", StringComparison.Ordinal) => "new assignment: " + s["new principal: ".Length..],
            var s when s.StartsWith("principal no longer trusted: ", StringComparison.Ordinal) => "assignment removed: " + s["principal no longer trusted: ".Length..],
            var s => s,
        },
    };

    /// <summary>
    /// Roles (as <see cref="Diff(AccessReport, AccessReport)"/>) plus the other resources that decide access: Roles
    /// Anywhere profiles, IMDS options, security-group ingress, OIDC providers, trust anchors, CRLs and instance profiles. <paramref name="stacks"/> (names or stack IDs; empty:
    /// all) limits both sides, so an assembly synthesized for one stack does not diff as "removed" for the others.
    /// </summary>
    public static AccessDiff Diff(CloudAssembly baseAssembly, CloudAssembly headAssembly, IReadOnlyCollection<string> stacks)
    {
        ArgumentNullException.ThrowIfNull(baseAssembly);
        ArgumentNullException.ThrowIfNull(headAssembly);
        ArgumentNullException.ThrowIfNull(stacks);
        var unknown = stacks.Where(n => baseAssembly.FindStack(n) is null && headAssembly.FindStack(n) is null).ToList();
        if (unknown.Count > 0)
        {
            var known = baseAssembly.Stacks.Concat(headAssembly.Stacks).Select(s => s.Name).Distinct().Order(StringComparer.Ordinal);
            throw new TemplateException($"--stack {string.Join(", ", unknown)}: no such stack in --base or --head (stacks: {string.Join(", ", known)}); give a stack name such as dev.");
        }

        var before = Limit(baseAssembly, stacks);
        var after = Limit(headAssembly, stacks);
        // The two sides are independent (the engine's caches are thread-safe): analysed at once, the base's error first.
        var (baseAccess, headAccess) = BothAtOnce.Run(() => AccessAnalyzer.Analyze(before), () => AccessAnalyzer.Analyze(after));
        var roles = Diff(baseAccess, headAccess);
        var changes = new List<AccessChange>();
        foreach (var name in before.Stacks.Select(s => s.Name).Union(after.Stacks.Select(s => s.Name)).Order(StringComparer.Ordinal))
        {
            changes.AddRange(roles.Changes.Where(c => c.Stack == name));
            var b = before.FindStack(name) is { } bs ? RawStack.Load(bs) : RawStack.Empty;
            var a = after.FindStack(name) is { } hs ? RawStack.Load(hs) : RawStack.Empty;
            changes.AddRange(ProfileDiffer.Diff(name, b, a));
            changes.AddRange(MetadataOptionsDiffer.Diff(name, b, a));
            changes.AddRange(SecurityGroupDiffer.Diff(name, b, a));
            changes.AddRange(IdentitySourceDiffer.Diff(name, b, a));
        }

        return new AccessDiff(changes);
    }

    private static CloudAssembly Limit(CloudAssembly assembly, IReadOnlyCollection<string> stacks) =>
        stacks.Count == 0 ? assembly : assembly with { Stacks = [.. assembly.Stacks.Where(s => stacks.Contains(s.Name, StringComparer.Ordinal) || stacks.Contains(s.StackId, StringComparer.Ordinal))] };

    /// <summary>The role's changes, each naming the role by its stack-file name and logical ID as well as for display.</summary>
    private static IEnumerable<AccessChange> DiffRole(string stack, RoleAccess? before, RoleAccess? after)
    {
        var named = after ?? before!;
        return RoleChanges(stack, before, after).Select(c => c with { ConfigName = named.ConfigName, LogicalId = named.LogicalId });
    }

    private static IEnumerable<AccessChange> RoleChanges(string stack, RoleAccess? before, RoleAccess? after)
    {
        if (before is null)
        {
            yield return new AccessChange(stack, after!.DisplayName, "role", ChangeKind.Added, "new role",
                [.. after.AssumedBy.Select(g => $"assumable by {g.Description}"), .. after.Permissions.Select(p => p.Summary), .. after.ManagedPolicies.Select(m => $"managed policy {m}")]);
            yield break;
        }

        if (after is null)
        {
            yield return new AccessChange(stack, before.DisplayName, "role", ChangeKind.Removed, "role removed", []);
            yield break;
        }

        var role = after.DisplayName;
        if (Replacement(before, after) is { } replaced)
        {
            yield return new AccessChange(stack, role, "role", ChangeKind.Replaced, replaced, ReplacementEffects(before, after));
        }

        var changes = TrustChanges(stack, role, before.AssumedBy, after.AssumedBy)
            .Concat(PermissionChanges(stack, role, before.Permissions, after.Permissions))
            .Concat(EffectDiffer.Diff(stack, role, before.Effective, after.Effective))
            .Concat(RoleSettingChanges(stack, role, before, after));
        foreach (var change in changes.OrderBy(c => c.IsWidening ? 0 : 1))
        {
            yield return change;
        }
    }

    /// <summary>
    /// Why CloudFormation will delete the role and create it again, or null: it moved to another template (a shard), or
    /// its logical ID or RoleName changed (RoleName: "Update requires: Replacement",
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html).
    /// </summary>
    private static string? Replacement(RoleAccess before, RoleAccess after)
    {
        var reasons = new List<string>();
        if (before.TemplateFile != after.TemplateFile)
        {
            reasons.Add($"moves from template {before.TemplateFile} to {after.TemplateFile}");
        }

        if (before.LogicalId != after.LogicalId)
        {
            reasons.Add($"logical ID {before.LogicalId} -> {after.LogicalId}");
        }

        if (before.RoleName != after.RoleName)
        {
            reasons.Add($"RoleName {before.RoleName ?? "(generated)"} -> {after.RoleName ?? "(generated)"}");
        }

        return reasons.Count == 0 ? null : $"role replaced: {string.Join("; ", reasons)}";
    }

    private static List<string> ReplacementEffects(RoleAccess before, RoleAccess after) =>
    [
        "CloudFormation deletes the role and creates a new one: every live session of it stops working, and the new role has a new unique ID",
        .. before.RoleName is { } name && name == after.RoleName
            ? [$"with the fixed RoleName {name} kept, the create fails while the old role still exists (CloudFormation deletes last): keep the role where it was (its template is recorded in stacks/<name>.lock.json) or deploy its removal first"]
            : Array.Empty<string>(),
    ];

    private static IEnumerable<AccessChange> TrustChanges(string stack, string role, IReadOnlyList<TrustGrant> before, IReadOnlyList<TrustGrant> after)
    {
        foreach (var (grant, covered, best) in Compare(after.Where(IsAllow), before.Where(IsAllow), SamePrincipal, TrustCovers))
        {
            if (best is null)
            {
                yield return new AccessChange(stack, role, "trust", ChangeKind.Added, $"new principal: {grant.Description}", Raw(grant));
            }
            else if (!covered)
            {
                yield return new AccessChange(stack, role, "trust", ChangeKind.Widened, grant.Description, [.. Loosening(best, grant), .. Raw(grant)]);
            }
        }

        foreach (var (grant, covered, best) in Compare(before.Where(IsAllow), after.Where(IsAllow), SamePrincipal, TrustCovers))
        {
            if (best is null)
            {
                yield return new AccessChange(stack, role, "trust", ChangeKind.Removed, $"principal no longer trusted: {grant.Description}", Raw(grant));
            }
            else if (!covered)
            {
                yield return new AccessChange(stack, role, "trust", ChangeKind.Narrowed, best.Description, [.. Loosening(best, grant, seenFromHead: true), .. Raw(best)]);
            }
        }

        foreach (var change in DenyChanges(stack, role, "trust", before.Where(g => !IsAllow(g)).Select(g => g.Description), after.Where(g => !IsAllow(g)).Select(g => g.Description)))
        {
            yield return change;
        }
    }

    internal static IEnumerable<AccessChange> PermissionChanges(string stack, string role, IReadOnlyList<PermissionGrant> before, IReadOnlyList<PermissionGrant> after)
    {
        foreach (var (grant, covered, best) in Compare(after.Where(p => p.Effect == Effect.Allow), before.Where(p => p.Effect == Effect.Allow), (_, _) => true, PermissionCovers))
        {
            if (!covered)
            {
                var details = best is null ? [] : NewActions(best, grant).Concat(GrantCoverage.Loosening(best.Conditions, grant.Conditions)).ToList();
                yield return new AccessChange(stack, role, "permissions", ChangeKind.Widened, grant.Summary, details);
            }
        }

        foreach (var (grant, covered, _) in Compare(before.Where(p => p.Effect == Effect.Allow), after.Where(p => p.Effect == Effect.Allow), (_, _) => true, PermissionCovers))
        {
            if (!covered)
            {
                yield return new AccessChange(stack, role, "permissions", ChangeKind.Narrowed, $"no longer allowed in full: {grant.Summary}", []);
            }
        }

        foreach (var change in DenyChanges(stack, role, "permissions", before.Where(p => p.Effect == Effect.Deny).Select(p => p.Summary), after.Where(p => p.Effect == Effect.Deny).Select(p => p.Summary)))
        {
            yield return change;
        }
    }

    private static IEnumerable<AccessChange> RoleSettingChanges(string stack, string role, RoleAccess before, RoleAccess after)
    {
        foreach (var arn in after.ManagedPolicies.Except(before.ManagedPolicies, StringComparer.Ordinal))
        {
            yield return new AccessChange(stack, role, "permissions", ChangeKind.Added, $"managed policy attached: {arn}", []);
        }

        foreach (var arn in before.ManagedPolicies.Except(after.ManagedPolicies, StringComparer.Ordinal))
        {
            yield return new AccessChange(stack, role, "permissions", ChangeKind.Removed, $"managed policy detached: {arn}", []);
        }

        var beforeSession = before.MaxSessionDurationSeconds ?? 3600;
        var afterSession = after.MaxSessionDurationSeconds ?? 3600;
        if (beforeSession != afterSession)
        {
            yield return new AccessChange(stack, role, "role", afterSession > beforeSession ? ChangeKind.Widened : ChangeKind.Narrowed,
                $"max session {SessionDuration.Format(beforeSession)} -> {SessionDuration.Format(afterSession)}", []);
        }

        if (before.PermissionsBoundary != after.PermissionsBoundary)
        {
            yield return new AccessChange(stack, role, "permissions", after.PermissionsBoundary is null ? ChangeKind.Widened : before.PermissionsBoundary is null ? ChangeKind.Narrowed : ChangeKind.Widened,
                $"permissions boundary {before.PermissionsBoundary ?? "none"} -> {after.PermissionsBoundary ?? "none"}", []);
        }
    }

    private static IEnumerable<AccessChange> DenyChanges(string stack, string role, string area, IEnumerable<string> before, IEnumerable<string> after)
    {
        var b = before.ToHashSet(StringComparer.Ordinal);
        var a = after.ToHashSet(StringComparer.Ordinal);
        foreach (var removed in b.Except(a).Order(StringComparer.Ordinal))
        {
            yield return new AccessChange(stack, role, area, ChangeKind.Widened, $"deny removed: {removed}", []);
        }

        foreach (var added in a.Except(b).Order(StringComparer.Ordinal))
        {
            yield return new AccessChange(stack, role, area, ChangeKind.Narrowed, $"new deny: {added}", []);
        }
    }

    /// <summary>For each grant: is it covered by some other-side grant, and the most similar comparable one (null: none).</summary>
    private static IEnumerable<(T Grant, bool Covered, T? Best)> Compare<T>(IEnumerable<T> grants, IEnumerable<T> others, Func<T, T, bool> comparable, Func<T, T, bool> covers)
        where T : class
    {
        var candidates = others.ToList();
        foreach (var grant in grants)
        {
            var same = candidates.Where(o => comparable(o, grant)).ToList();
            yield return (grant, same.Any(o => covers(o, grant)), same.FirstOrDefault());
        }
    }

    private static bool IsAllow(TrustGrant grant) => grant.Effect == Effect.Allow;

    private static bool SamePrincipal(TrustGrant a, TrustGrant b) => a.PrincipalKey == b.PrincipalKey || a.PrincipalKind == "anyone";

    private static bool TrustCovers(TrustGrant b, TrustGrant h) =>
        GrantCoverage.ActionsCovered(b.Actions, b.NotAction, h.Actions, h.NotAction) && GrantCoverage.ConditionsCovered(b.Conditions, h.Conditions);

    private static bool PermissionCovers(PermissionGrant b, PermissionGrant h) =>
        GrantCoverage.ActionsCovered(b.Actions, b.NotAction, h.Actions, h.NotAction)
        && GrantCoverage.ResourcesCovered(b.Resources, b.NotResource, h.Resources, h.NotResource)
        && GrantCoverage.ConditionsCovered(b.Conditions, h.Conditions);

    private static IEnumerable<string> Loosening(TrustGrant b, TrustGrant h, bool seenFromHead = false)
    {
        if (!GrantCoverage.ActionsCovered(b.Actions, b.NotAction, h.Actions, h.NotAction))
        {
            var (from, to) = seenFromHead ? (h.Actions, b.Actions) : (b.Actions, h.Actions);
            yield return $"actions {string.Join(", ", from)} -> {string.Join(", ", to)}";
        }

        foreach (var line in GrantCoverage.Loosening(b.Conditions, h.Conditions, seenFromHead))
        {
            yield return line;
        }
    }

    private static IEnumerable<string> NewActions(PermissionGrant b, PermissionGrant h)
    {
        var added = h.Actions.Where(a => !b.Actions.Any(x => PatternCoverage.Covers(x, true, a, true, ignoreCase: true))).ToList();
        if (added.Count > 0)
        {
            yield return $"new actions {string.Join(", ", added)}";
        }

        if (!GrantCoverage.ResourcesCovered(b.Resources, b.NotResource, h.Resources, h.NotResource))
        {
            yield return $"resources {string.Join(", ", b.Resources)} -> {string.Join(", ", h.Resources)}";
        }
    }

    private static List<string> Raw(TrustGrant grant) =>
        [$"{grant.PrincipalKind} {grant.Principal} via {string.Join(", ", grant.Actions)}", .. grant.Conditions.Select(c => c.ToString())];
}
