using EdgeIam.Policy.Model;
using EdgeIam.Policy.Permissions;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-PERM-005: a role that web identities (an OIDC token: a CI job, a pull request) or Roles Anywhere certificates
/// (a device) can assume gets an action of the access level "Permissions management" (it can change who may do what:
/// attach or write IAM policies, bucket and key policies, grants), or <c>iam:PassRole</c> on every role (it can hand
/// any role, the administrator's included, to a service it controls). Either turns a leaked token or device key into
/// the account. Access levels come from the Service Authorization Reference
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html);
/// PassRole: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html.
/// <para>
/// Decided per session after every layer (<see cref="PermissionProbes"/>): the role alone for a web-identity role, and
/// for a Roles Anywhere role each profile of this template that vends it, with that profile's session policies (the
/// role alone when no profile lists it); the permissions boundary applies to both. A grant that only conditions keep
/// back, or that an unknown boundary or session policy might refuse, is still reported, saying so (fail closed). An
/// identity policy EdgeIam cannot read (not in the snapshot, another account's) is reported as a note: what it grants
/// could not be checked. Justified by the granting statement's Sid or the managed policy's name in the role's Metadata
/// <c>edgeiam:justifications</c>: then reported as an accepted warning.
/// </para>
/// <para>
/// False positives: a Permissions management action on one named resource the role owns (its own bucket's policy) is
/// reported like one on every resource; the reference files a few reads of policies under Permissions management
/// (<c>billing:GetResourcePolicy</c>, <c>ssm-sap:GetResourcePermission</c>: ReadOnlyAccess grants them), and they are
/// reported as such, since the level is AWS's, not a guess from the verb; conditions the role's callers can never meet
/// are assumed to hold. False
/// negatives: a profile defined outside this template can vend the role without this template's session policies;
/// access reached through another role (<c>sts:AssumeRole</c> into an administrator) is not followed; SCPs and RCPs
/// are not in any template.
/// </para>
/// </summary>
internal sealed class FederatedPermissionsManagementRule : PolicyRule
{
    private const string PassRole = "iam:PassRole";

    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-PERM-005",
        "Permissions management or iam:PassRole on every role for a web-identity or Roles Anywhere role",
        Severity.Error,
        "Remove the Permissions management actions (and scope iam:PassRole to the roles the job or device must pass, with iam:PassedToService); if unavoidable explain it in Metadata \"edgeiam:justifications\": {\"<Sid or managed policy name>\": \"why\"}.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html");

    public RuleDescriptor Accepted => Descriptor with { Severity = Severity.Warning };

    public RuleDescriptor CouldNotCheck => Descriptor with { Severity = Severity.Note };

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        var probes = new PermissionProbes(stack);
        foreach (var role in stack.Roles)
        {
            var webIdentity = role.TrustPolicy.Statements.Any(TrustStatements.IsWebIdentity);
            var rolesAnywhere = role.TrustPolicy.Statements.Any(s => s.Effect == Effect.Allow && TrustStatements.TrustsService(s, TrustStatements.RolesAnywhereService));
            if (!webIdentity && !rolesAnywhere)
            {
                continue;
            }

            var who = (webIdentity, rolesAnywhere) switch
            {
                (true, true) => "web identities and Roles Anywhere certificates",
                (true, false) => "web identities",
                _ => "Roles Anywhere certificates",
            };
            var sessions = (webIdentity ? [probes.ForRole(role)] : new List<SessionPermissions>())
                .Concat(rolesAnywhere ? probes.Sessions(role, rolesAnywhere: true) : [])
                .DistinctBy(s => s.SessionName)
                .ToList();
            foreach (var unknown in sessions[0].Identity.Where(p => p.Policy is null))
            {
                yield return new Finding(CouldNotCheck, stack.Name, stack.FilePath, role.LogicalId, role.ConfigName, role.JsonPath + ".Properties.ManagedPolicyArns",
                    $"{role.DisplayName}, assumable by {who}: could not check whether {unknown.Label} grants Permissions management or iam:PassRole: {unknown.Unknown}.");
            }

            var targets = Targets(probes, sessions[0].Identity).ToList();
            foreach (var session in sessions)
            {
                foreach (var finding in Findings(stack, probes, role, who, session, targets))
                {
                    yield return finding;
                }
            }
        }
    }

    /// <summary>Every Permissions management action the known identity statements name, with probes inside each statement; and PassRole on every role.</summary>
    private static IEnumerable<(string Action, string Shown, Probe Probe)> Targets(PermissionProbes probes, IEnumerable<LayerPolicy> identity)
    {
        foreach (var statement in identity.Where(p => p.Policy is not null).SelectMany(p => p.Policy!.Statements).Where(s => !s.IsDeny).Select(s => s.Source))
        {
            foreach (var action in PermissionProbes.ActionsOf(statement).Where(a => a.Level == ActionAccessLevel.PermissionsManagement).Distinct())
            {
                foreach (var probe in probes.Within(statement, action))
                {
                    yield return (action.FullName, action.FullName, probe);
                }
            }
        }

        var passRole = ServiceAuthorization.Find(ServiceAuthorization.Data, PassRole)!;
        foreach (var probe in probes.Anywhere(passRole))
        {
            yield return (PassRole, PassRole + " on every role", probe);
        }
    }

    private IEnumerable<Finding> Findings(
        StackTemplate stack, PermissionProbes probes, RoleResource role, string who, SessionPermissions session, IReadOnlyList<(string Action, string Shown, Probe Probe)> targets)
    {
        // One finding per policy and place: an AWS managed policy's statements all sit at the role's ManagedPolicyArns.
        var grants = new Dictionary<(string Policy, string Path), (StatementHit Hit, List<string> Statements, List<string> Shown, Reach Reach, PermissionEvaluation Evaluation)>();
        var decided = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (action, shown, probe) in targets)
        {
            if (decided.Contains(shown))
            {
                continue;
            }

            var reach = PermissionProbes.Reaches(session, probes.Request(role, action, probe), out var evaluation);
            if (reach == Reach.No || PermissionProbes.Grant(evaluation) is not { } hit)
            {
                continue;
            }

            decided.Add(shown);
            var key = (hit.Policy.Label, PermissionProbes.PathOf(role, hit));
            if (!grants.TryGetValue(key, out var grant))
            {
                grants[key] = grant = (hit, [], [], reach, evaluation);
            }

            if (!grant.Statements.Contains(hit.Statement.Label))
            {
                grant.Statements.Add(hit.Statement.Label);
            }

            grant.Shown.Add(shown);
        }

        var through = session.SessionName is { } name ? $" through {name.Replace("profile:", "profile ", StringComparison.Ordinal)}" : string.Empty;
        foreach (var ((_, path), (hit, statements, shown, reach, evaluation)) in grants)
        {
            var management = shown.Where(a => a != PassRole + " on every role").ToList();
            var granted = string.Join(" and ", new[]
            {
                management.Count > 0 ? $"Permissions management ({PermissionProbes.List(management)})" : null,
                shown.Count > management.Count ? PassRole + " on every role" : null,
            }.OfType<string>());
            var message = $"{role.DisplayName}, assumable by {who}{through}: {hit.Policy.Label} {string.Join(", ", statements)} {(statements.Count == 1 ? "grants" : "grant")} "
                + $"{granted}{PermissionProbes.Qualifier(reach, evaluation, hit)}.";
            yield return PermissionProbes.Justification(role, hit) is { } why
                ? new Finding(Accepted, stack.Name, stack.FilePath, role.LogicalId, role.ConfigName, path, $"{message} Accepted: {why}.")
                : For(stack, role, path, message);
        }
    }
}
