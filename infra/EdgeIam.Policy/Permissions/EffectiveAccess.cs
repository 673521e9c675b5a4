using System.Collections.Concurrent;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Rules;

namespace EdgeIam.Policy.Permissions;

/// <summary>
/// One action a session may perform: its access level (Service Authorization Reference), the resources the identity
/// policies grant it on, the policies that grant it, and what narrows it (a Deny on part of it, a boundary or session
/// policy that allows it only on some resources, a condition, or a layer EdgeIam cannot see).
/// </summary>
internal sealed record EffectiveAction(
    string Action,
    ActionAccessLevel? Level,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> GrantedBy,
    IReadOnlyList<string> Limits)
{
    public string Service => Action[..Action.IndexOf(':', StringComparison.Ordinal)];
}

/// <summary>The effective access of one session (the role on its own, or a Roles Anywhere profile's session).</summary>
internal sealed record EffectiveAccess(string? Session, IReadOnlyList<EffectiveAction> Actions, IReadOnlyList<string> Unknown)
{
    /// <summary>"Permissions management", "Write", ... as the Service Authorization Reference spells the levels.</summary>
    public static string LevelName(ActionAccessLevel? level) => level switch
    {
        ActionAccessLevel.List => "List",
        ActionAccessLevel.Read => "Read",
        ActionAccessLevel.Write => "Write",
        ActionAccessLevel.PermissionsManagement => "Permissions management",
        ActionAccessLevel.Tagging => "Tagging",
        _ => "Unknown",
    };
}

/// <summary>
/// Computes <see cref="EffectiveAccess"/>: every action an identity Allow names is expanded with the Service
/// Authorization Reference (so <c>s3:*</c> becomes the s3 actions, each with its access level); an action is dropped
/// when an unconditional Deny on every resource names it, or when the boundary or session layer allows it on no
/// resource at all; otherwise what limits it is listed. Actions the reference does not know are kept as written, with
/// no level (EIAM-PERM-003 reports them). The expansion is an over-approximation of what is allowed (conditions and
/// resource intersections are listed as limits, not solved), so it never hides access.
/// </summary>
internal static class EffectiveAccessCalculator
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Expansions = new(StringComparer.OrdinalIgnoreCase);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ManagedPolicyCatalog, ConcurrentDictionary<string, EffectiveAccess>> SnapshotSessions = new();

    /// <summary>
    /// The effective access of <paramref name="permissions"/>. A session made only of one snapshot's AWS managed
    /// policies and of unknown policies (the common cross-account role: ReadOnlyAccess) depends on nothing else, so
    /// it is computed once per snapshot and combination; any other session is computed every time.
    /// </summary>
    public static EffectiveAccess Compute(SessionPermissions permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var all = permissions.AllPolicies.ToList();
        var snapshots = all.Where(p => p.Policy is not null).Select(p => p.Snapshot).Distinct().ToList();
        if (snapshots is [{ } snapshot])
        {
            var key = string.Join("\n", all.Select(p => $"{p.Layer}\t{p.Name}\t{p.Origin}\t{p.Unknown}\t{p.Caveat}").Prepend(permissions.SessionName ?? ""));
            return SnapshotSessions.GetValue(snapshot, _ => new(StringComparer.Ordinal)).GetOrAdd(key, _ => ComputeOnce(permissions));
        }

        return ComputeOnce(permissions);
    }

    private static EffectiveAccess ComputeOnce(SessionPermissions permissions)
    {
        var grants = new SortedDictionary<string, (SortedSet<string> Resources, SortedSet<string> By, SortedSet<string> Limits)>(StringComparer.Ordinal);
        foreach (var policy in permissions.Identity.Where(p => p.Policy is not null))
        {
            foreach (var statement in policy.Policy!.Statements.Where(s => !s.IsDeny))
            {
                var source = statement.Source;
                var resources = source.NotResource is { } notResource
                    ? [$"every resource except {string.Join(", ", notResource.Values)}"]
                    : source.Resource?.Values ?? ["*"];
                foreach (var action in Actions(source))
                {
                    if (!grants.TryGetValue(action, out var grant))
                    {
                        grant = (new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
                        grants[action] = grant;
                    }

                    grant.Resources.UnionWith(resources);
                    grant.By.Add($"{policy.Label} {source.Label}");
                    if (source.Conditions.Count > 0)
                    {
                        grant.Limits.Add($"{policy.Label} {source.Label} only when {string.Join(" and ", source.Conditions.Select(c => $"{c.Operator} {c.Key}"))}");
                    }
                }
            }
        }

        var unknown = permissions.AllPolicies.Where(p => p.Policy is null).Select(p => $"{CanDoLayer(p.Layer)} {p.Label}: {p.Unknown}").ToList();
        var actions = new List<EffectiveAction>();
        foreach (var (action, grant) in grants)
        {
            var request = new AccessRequest(SessionPrincipal, action, "*");
            if (Removed(permissions, request, grant.Limits))
            {
                continue;
            }

            actions.Add(new EffectiveAction(action, ServiceAuthorization.AccessLevelOf(action), [.. grant.Resources], [.. grant.By], [.. grant.Limits]));
        }

        return new EffectiveAccess(permissions.SessionName, actions, unknown);
    }

    /// <summary>A principal for matching actions only: permission policies have no Principal element.</summary>
    private static readonly RequestPrincipal SessionPrincipal = RequestPrincipal.ForAccount("000000000000");

    private static string CanDoLayer(PolicyLayer layer) => layer switch
    {
        PolicyLayer.Identity => "identity",
        PolicyLayer.PermissionsBoundary => "boundary",
        _ => "session",
    };

    /// <summary>The actions a statement names, expanded; NotAction means every known action it does not exclude.</summary>
    private static IEnumerable<string> Actions(Statement statement)
    {
        if (statement.NotAction is { } notAction)
        {
            var excluded = new ActionMatcher(notAction);
            return ServiceAuthorization.Expand("*").Where(a => !excluded.MatchesAny(a.ToLowerInvariant()));
        }

        return (statement.Action?.Values ?? []).SelectMany(Expand).Distinct(StringComparer.OrdinalIgnoreCase);
    }

    private static IReadOnlyList<string> Expand(string pattern) => Expansions.GetOrAdd(pattern, p =>
    {
        var expanded = ServiceAuthorization.Expand(p);
        return expanded.Count > 0 ? expanded : [p];
    });

    /// <summary>
    /// True when the action cannot be performed on any resource: an unconditional Deny on every resource names it,
    /// or a limiting layer (fully known) has no Allow for it. Otherwise adds what narrows it to <paramref name="limits"/>.
    /// </summary>
    private static bool Removed(SessionPermissions permissions, AccessRequest request, SortedSet<string> limits)
    {
        foreach (var policy in permissions.AllPolicies.Where(p => p.Policy is not null))
        {
            foreach (var statement in policy.Policy!.Statements.Where(s => s.IsDeny && s.MatchesAction(request)))
            {
                var source = statement.Source;
                var everywhere = source.NotResource is null && (source.Resource?.Values ?? ["*"]).Any(PermissionBreadth.CoversEveryResource);
                if (everywhere && source.Conditions.Count == 0)
                {
                    return true;
                }

                limits.Add($"denied by {CanDoLayer(policy.Layer)} {policy.Label} {source.Label} on {string.Join(", ", (source.Resource ?? source.NotResource)?.Values ?? ["*"])}{(source.Conditions.Count > 0 ? " when its conditions hold" : string.Empty)}");
            }
        }

        foreach (var (layer, policies) in new[] { (PolicyLayer.PermissionsBoundary, permissions.Boundary), (PolicyLayer.SessionPolicy, permissions.Session) })
        {
            if (policies is null)
            {
                continue;
            }

            var allowing = policies.Where(p => p.Policy is not null)
                .SelectMany(p => p.Policy!.Statements.Where(s => !s.IsDeny && s.MatchesAction(request)).Select(s => (Policy: p, Statement: s.Source)))
                .ToList();
            var unknown = policies.Where(p => p.Policy is null).ToList();
            if (allowing.Count == 0 && unknown.Count == 0)
            {
                return true;
            }

            foreach (var (policy, statement) in allowing)
            {
                var resources = statement.NotResource is { } nr ? [$"every resource except {string.Join(", ", nr.Values)}"] : statement.Resource?.Values ?? ["*"];
                if (statement.NotResource is not null || !resources.Any(PermissionBreadth.CoversEveryResource) || statement.Conditions.Count > 0)
                {
                    limits.Add($"{CanDoLayer(layer)} {policy.Label} {statement.Label} allows it only on {string.Join(", ", resources)}{(statement.Conditions.Count > 0 ? " when its conditions hold" : string.Empty)}");
                }
            }

            foreach (var policy in unknown)
            {
                limits.Add($"{CanDoLayer(layer)} {policy.Label} is unknown: what it allows cannot be proved");
            }
        }

        return false;
    }
}
