using EdgeIam.Policy.Model;
using EdgeIam.Policy.Permissions;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-PERM-007: a Roles Anywhere profile's session policies (its <c>SessionPolicy</c> and <c>ManagedPolicyArns</c>)
/// narrow nothing. A session gets the intersection of the role's permissions and the session policies
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session,
/// https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html), so session policies that allow all the
/// roles have give every session exactly the role's access, while a reader of the profile believes it is limited.
/// A warning: the sessions are no broader than the roles, which the other rules judge.
/// <para>
/// The test, sound and cheap: the session layer must be readable in full (no unknown managed policy) and hold no Deny
/// statement (a Deny bounds the sessions whatever the roles are granted later, which is what a guardrail is for, so it
/// counts as narrowing even when it refuses nothing today); then it narrows nothing when (1) a statement allows every
/// action on every resource with no condition, or (2) every probe of every grant of every role the profile lists
/// (each action of each Allow statement of the roles' identity policies, on an instance of each resource pattern:
/// <see cref="PermissionProbes"/>) is allowed by the session layer alone. Justified by a session-policy Sid or a
/// managed session policy's name in the profile's Metadata <c>edgeiam:justifications</c>: then accepted.
/// </para>
/// <para>
/// False positives: session policies kept as an allow-list guardrail for grants the roles may get later (say so in a
/// justification, or add the Deny that states the bound). False negatives: (2) is not judged when a listed role is not
/// in this template, or has an identity policy EdgeIam cannot read; a session statement with a condition counts as
/// narrowing (a probe carries no condition keys), even one every real session meets; probes can miss a grant the
/// session layer leaves out only in a part of a resource pattern the probe does not hit.
/// </para>
/// </summary>
internal sealed class SessionPolicyNarrowsNothingRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-PERM-007",
        "A Roles Anywhere profile's session policies narrow nothing",
        Severity.Warning,
        "Narrow the session policy to what the profile's sessions need (or add the Deny that bounds them), or remove it; if it is a deliberate guardrail explain it in the profile's Metadata \"edgeiam:justifications\": {\"<Sid or managed policy name>\": \"why\"}.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        var probes = new PermissionProbes(stack);
        foreach (var profile in stack.RolesAnywhereProfiles)
        {
            var layer = probes.SessionLayer(profile);
            if (layer.Count == 0 || layer.Any(p => p.Policy is null) || layer.SelectMany(p => p.Policy!.Statements).Any(s => s.IsDeny))
            {
                continue;
            }

            var name = profile.Name ?? profile.LogicalId;
            var policies = string.Join(", ", layer.Select(p => p.Origin.EndsWith(" managed", StringComparison.Ordinal) ? "managed " + p.Name : "the session policy"));
            string? problem = null;
            if (layer.SelectMany(p => p.Policy!.Statements).Select(s => s.Source).FirstOrDefault(AllowsEverything) is { } everything)
            {
                problem = $"{everything.Label} allows every action on every resource and nothing denies";
            }
            else if (ProbedGrants(probes, stack, profile, new SessionPermissions(name, layer, null, null)) is { Probed: > 0 } grants)
            {
                problem = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"they allow everything {string.Join(", ", grants.Roles)} {(grants.Roles.Count == 1 ? "is" : "are")} granted ({grants.Probed} probed requests) and deny nothing");
            }

            if (problem is null)
            {
                continue;
            }

            var path = profile.JsonPath + (profile.SessionPolicy is not null ? ".Properties.SessionPolicy" : ".Properties.ManagedPolicyArns");
            var message = $"Profile {name}'s session policies ({policies}) narrow nothing: {problem}, so each session gets its role's permissions unchanged.";
            var why = layer.SelectMany(p => p.Policy!.Statements).Select(s => s.Source.Sid).OfType<string>().Concat(layer.Select(p => p.Name))
                .Select(key => profile.Justifications.BySid.GetValueOrDefault(key)).FirstOrDefault(r => r is not null);
            yield return For(stack, profile.LogicalId, path, why is null ? message : $"{message} Accepted: {why}.");
        }
    }

    private static bool AllowsEverything(Statement statement) =>
        statement.Effect == Effect.Allow && statement.Conditions.Count == 0
        && statement.Action is { } actions && actions.Values.Any(PermissionBreadth.CoversEveryAction)
        && statement.Resource is { } resources && resources.Values.Any(PermissionBreadth.CoversEveryResource);

    /// <summary>
    /// The profile's roles and how many probes of their grants the session layer allowed, when it allowed every one;
    /// null when one is refused (the layer narrows), a role is not in the template or not readable in full.
    /// </summary>
    private static (List<string> Roles, int Probed)? ProbedGrants(PermissionProbes probes, StackTemplate stack, RolesAnywhereProfileResource profile, SessionPermissions session)
    {
        var roles = profile.RoleLogicalIds.Select(stack.FindRoleByLogicalId).ToList();
        if (roles.Count == 0 || roles.Count != profile.RoleArns.Count || roles.Any(r => r is null))
        {
            return null;
        }

        var probed = 0;
        foreach (var role in roles)
        {
            var identity = probes.Identity(role!);
            if (identity.Any(p => p.Policy is null))
            {
                return null;
            }

            foreach (var statement in identity.SelectMany(p => p.Policy!.Statements).Where(s => !s.IsDeny).Select(s => s.Source))
            {
                foreach (var action in PermissionProbes.ActionsOf(statement).Distinct())
                {
                    foreach (var probe in probes.Within(statement, action))
                    {
                        probed++;
                        if (session.Decide(probes.Request(role!, action.FullName, probe)) != PermissionOutcome.Allowed)
                        {
                            return null;
                        }
                    }
                }
            }
        }

        return ([.. roles.Select(r => r!.ConfigName ?? r.LogicalId)], probed);
    }
}
