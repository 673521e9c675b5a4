using System.Globalization;
using EdgeIam.Policy.Permissions;

namespace EdgeIam.Policy.Access;

/// <summary>
/// Permission changes by effect, not by text: per session of a role (the role on its own, each Roles Anywhere
/// profile's session), the actions it may now do that it could not, grouped by service and access level ("now has
/// Permissions management on s3"), the actions whose granted resources grew, the limits that went away (a Deny, a
/// boundary or session policy narrowing), and the actions it lost. Replacing <c>s3:PutObject</c> on a prefix by
/// <c>s3:*</c> therefore reads as new Write, Permissions management and Tagging access on s3, not as a changed string.
/// </summary>
internal static class EffectDiffer
{
    /// <summary>Actions named per change before the rest is counted.</summary>
    private const int ActionsShown = 12;

    /// <summary>New access on more services than this is reported per access level, not per service.</summary>
    private const int MaxServicesPerChange = 10;

    public static IEnumerable<AccessChange> Diff(string stack, string role, IReadOnlyList<EffectiveAccess> before, IReadOnlyList<EffectiveAccess> after)
    {
        foreach (var head in after)
        {
            var old = before.FirstOrDefault(b => b.Session == head.Session);
            if (old is null)
            {
                continue; // a new session (profile) is reported by the profile and trust diffs
            }

            if (ReferenceEquals(old, head))
            {
                continue; // one shared answer (AWS managed policies only, see EffectiveAccessCalculator): nothing changed
            }

            var area = head.Session is { } session ? $"permissions ({session})" : "permissions";
            var was = old.Actions.ToDictionary(a => a.Action, StringComparer.OrdinalIgnoreCase);
            var now = head.Actions.ToDictionary(a => a.Action, StringComparer.OrdinalIgnoreCase);
            var added = head.Actions.Where(a => !was.ContainsKey(a.Action)).ToList();
            if (added.Select(a => a.Service).Distinct(StringComparer.Ordinal).Count() > MaxServicesPerChange)
            {
                // Every action (or a broad managed policy): one change per access level, naming the services.
                foreach (var level in added.GroupBy(a => a.Level).OrderBy(g => Rank(g.Key)))
                {
                    var services = level.Select(a => a.Service).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                    yield return new AccessChange(stack, role, area, ChangeKind.Widened,
                        string.Create(CultureInfo.InvariantCulture, $"now has {EffectiveAccess.LevelName(level.Key)} on {services.Count} services ({level.Count()} actions): {Named(services)}"),
                        [.. level.GroupBy(a => string.Join("; ", a.GrantedBy), StringComparer.Ordinal).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} action(s) granted by {g.Key}"))]);
                }

                added = [];
            }

            foreach (var group in added.GroupBy(a => (a.Service, a.Level)).OrderBy(g => g.Key.Service, StringComparer.Ordinal).ThenBy(g => Rank(g.Key.Level)))
            {
                yield return new AccessChange(stack, role, area, ChangeKind.Widened,
                    $"now has {EffectiveAccess.LevelName(group.Key.Level)} on {group.Key.Service}: {Named(group.Select(a => a.Action))}",
                    [.. group.GroupBy(a => $"on {string.Join(", ", a.Resources)}, granted by {string.Join("; ", a.GrantedBy)}", StringComparer.Ordinal)
                        .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} action(s) {g.Key}"))]);
            }

            foreach (var action in head.Actions.Where(a => was.ContainsKey(a.Action)))
            {
                var previous = was[action.Action];
                var resources = action.Resources.Except(previous.Resources, StringComparer.Ordinal).ToList();
                if (resources.Count > 0)
                {
                    yield return new AccessChange(stack, role, area, ChangeKind.Widened,
                        $"{action.Action} ({EffectiveAccess.LevelName(action.Level)}) now also on {string.Join(", ", resources)}", [.. action.GrantedBy]);
                }

                var lifted = previous.Limits.Except(action.Limits, StringComparer.Ordinal).ToList();
                if (lifted.Count > 0)
                {
                    yield return new AccessChange(stack, role, area, ChangeKind.Widened,
                        $"{action.Action} ({EffectiveAccess.LevelName(action.Level)}) is no longer limited", [.. lifted.Select(l => "was: " + l)]);
                }
            }

            foreach (var group in old.Actions.Where(a => !now.ContainsKey(a.Action)).GroupBy(a => (a.Service, a.Level)).OrderBy(g => g.Key.Service, StringComparer.Ordinal).ThenBy(g => Rank(g.Key.Level)))
            {
                yield return new AccessChange(stack, role, area, ChangeKind.Narrowed,
                    $"no longer has {EffectiveAccess.LevelName(group.Key.Level)} on {group.Key.Service}: {Named(group.Select(a => a.Action))}", []);
            }

            foreach (var unknown in head.Unknown.Except(old.Unknown, StringComparer.Ordinal))
            {
                yield return new AccessChange(stack, role, area, ChangeKind.Widened, $"cannot prove what the session may do: {unknown}", []);
            }
        }
    }

    /// <summary>The most consequential level first: Permissions management, Write, Tagging, Read, List, unknown.</summary>
    private static int Rank(Reference.ActionAccessLevel? level) => level switch
    {
        Reference.ActionAccessLevel.PermissionsManagement => 0,
        Reference.ActionAccessLevel.Write => 1,
        Reference.ActionAccessLevel.Tagging => 2,
        Reference.ActionAccessLevel.Read => 3,
        Reference.ActionAccessLevel.List => 4,
        _ => 5,
    };

    private static string Named(IEnumerable<string> actions)
    {
        var list = actions.ToList();
        var shown = string.Join(", ", list.Take(ActionsShown));
        return list.Count > ActionsShown ? string.Create(CultureInfo.InvariantCulture, $"{shown} and {list.Count - ActionsShown} more ({list.Count} actions)") : shown;
    }
}
