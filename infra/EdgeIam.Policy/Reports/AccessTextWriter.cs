using System.Globalization;
using EdgeIam.Policy.Access;

namespace EdgeIam.Policy.Reports;

/// <summary><c>access</c> as text: per role, who can assume it (in words, then the raw conditions) and what it may do.</summary>
internal static class AccessTextWriter
{
    public static void Write(AccessReport report, TextWriter output)
    {
        foreach (var stack in report.Stacks)
        {
            output.WriteLine(stack.StackId);
            foreach (var role in stack.Roles)
            {
                WriteRole(role, "    assumed by", output);
            }

            if (stack.PermissionSets.Count > 0)
            {
                output.WriteLine("  Identity Center permission sets");
                foreach (var set in stack.PermissionSets)
                {
                    WriteRole(set, set.AssumedBy.Count == 0 ? "    assigned to nobody in this stack" : "    assigned to", output);
                }
            }

            output.WriteLine();
        }
    }

    /// <summary>One role (or permission set, whose <paramref name="who"/> heading says "assigned to").</summary>
    private static void WriteRole(RoleAccess role, string who, TextWriter output)
    {
        output.WriteLine($"  {role.DisplayName}");
        output.WriteLine(who);
        foreach (var grant in role.AssumedBy)
        {
            output.WriteLine($"      - {grant.Description}");
            output.WriteLine($"          {grant.PrincipalKind} {grant.Principal} via {(grant.NotAction ? "every action except " : string.Empty)}{string.Join(", ", grant.Actions)}");
            foreach (var condition in grant.Conditions)
            {
                output.WriteLine($"          {condition}");
            }
        }

        output.WriteLine("    may do");
        if (role.Permissions.Count == 0 && role.ManagedPolicies.Count == 0)
        {
            output.WriteLine("      - nothing (no permission policies)");
        }

        foreach (var permission in role.Permissions)
        {
            output.WriteLine($"      - {permission.Summary}  [{permission.Policy} {permission.Statement}]");
        }

        foreach (var managed in role.ManagedPolicies)
        {
            output.WriteLine($"      - managed policy {managed}");
        }

        foreach (var line in Extras(role))
        {
            output.WriteLine($"    {line}");
        }

        foreach (var line in EffectiveSummary(role))
        {
            output.WriteLine($"    {line}");
        }
    }

    internal static IEnumerable<string> Extras(RoleAccess role)
    {
        if (role.MaxSessionDurationSeconds is { } seconds)
        {
            yield return $"max session {Model.SessionDuration.Format(seconds)}";
        }

        if (role.PermissionsBoundary is { } boundary)
        {
            yield return $"permissions boundary {boundary}";
        }

        if (role.RolesAnywhereProfiles.Count > 0)
        {
            yield return $"Roles Anywhere profiles {string.Join(", ", role.RolesAnywhereProfiles)}";
        }

        foreach (var link in role.PodIdentities)
        {
            yield return $"EKS Pod Identity: service account {link.Namespace}/{link.ServiceAccount} of cluster {link.ClusterName} ({link.LogicalId}){(link.TargetRoleArn is { } target ? $", then role {target}" : string.Empty)}";
        }
    }

    /// <summary>
    /// Per session, per service: how many actions of each access level it may do, e.g.
    /// <c>iot: Read 12, Write 9</c>, and the unknown policies that keep the rest unproved (full list: --format json).
    /// </summary>
    internal static IEnumerable<string> EffectiveSummary(RoleAccess role) => role.Effective.SelectMany(session => Summaries.GetValue(session, Summarise));

    /// <summary>
    /// One session's lines, once per answer: roles whose sessions are the same shared answer (AWS managed policies only,
    /// see EffectiveAccessCalculator) share its summary, which for a broad policy groups thousands of actions.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Permissions.EffectiveAccess, IReadOnlyList<string>> Summaries = new();

    private static IReadOnlyList<string> Summarise(Permissions.EffectiveAccess session) => [.. SummaryLines(session)];

    private static IEnumerable<string> SummaryLines(Permissions.EffectiveAccess session)
    {
        yield return $"effective access{(session.Session is { } name ? $" in a {name} session" : string.Empty)} (actions by access level; --format json lists them)";
        if (session.Actions.Count == 0)
        {
            yield return "  - none";
        }

        var services = session.Actions.GroupBy(a => a.Service, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (services.Count > MaxServicesListed)
        {
            // A broad managed policy (ReadOnlyAccess) reaches hundreds of services: totals, then only where it can change things.
            yield return string.Create(CultureInfo.InvariantCulture, $"  - {services.Count} services: {Levels(session.Actions)}");
            services = [.. services.Where(g => g.Any(a => a.Level is not (Reference.ActionAccessLevel.List or Reference.ActionAccessLevel.Read)))];
        }

        foreach (var service in services)
        {
            var limited = service.Count(a => a.Limits.Count > 0);
            yield return $"  - {service.Key}: {Levels(service)}{(limited > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({limited} limited)") : string.Empty)}";
        }

        foreach (var unknown in session.Unknown)
        {
            yield return $"  - cannot prove: {unknown}";
        }
    }

    /// <summary>More services than this are summarised (totals, then only services with more than List/Read access).</summary>
    private const int MaxServicesListed = 12;

    private static string Levels(IEnumerable<Permissions.EffectiveAction> actions) =>
        string.Join(", ", actions.GroupBy(a => Permissions.EffectiveAccess.LevelName(a.Level), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}")));
}
