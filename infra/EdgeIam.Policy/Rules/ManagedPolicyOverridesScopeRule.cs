using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Permissions;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-PERM-004: a managed policy attached to the role (AWS managed, read from the embedded snapshot, or this
/// template's own <c>AWS::IAM::ManagedPolicy</c>) grants an action of a scoped inline Allow statement on resources the
/// statement does not name. Identity policies add up (an Allow in any of them is enough,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html), so the scoped statement
/// restricts nothing: <c>iot:Publish</c> on <c>topic/factory/line-*/state</c> next to AWSIoTDataAccess
/// (<c>iot:Publish</c> on <c>*</c>) publishes anywhere. An error like EIAM-PERM-001: the role can do more than the
/// statement reviewers read says, typically a write on every resource that no justification covers.
/// <para>
/// Decided with the engine, not by comparing text: for each action of the statement, a probe resource outside the
/// statement's patterns (<see cref="PermissionProbes"/>) must be allowed by the managed policy and not denied by the
/// role's other policies. Justified by the statement's Sid or the managed policy's name in the role's Metadata
/// <c>edgeiam:justifications</c>: then reported as an accepted warning.
/// </para>
/// <para>
/// False positives: a permissions boundary (or an SCP) that cuts the managed grant back to the named resources is not
/// consulted, so the finding is about the identity policies saying two things, not always about wider access; a
/// managed policy attached on purpose for its other actions, with the scoped statement kept as documentation, is
/// flagged (justify it, or drop the statement). False negatives: a managed Allow under conditions counts only when
/// they hold for a request without condition keys; managed policies EdgeIam cannot read (not in the snapshot, another
/// account's) are not judged here (EIAM-PERM-005/006 report them where they matter); statements with NotAction,
/// NotResource, a resource open to everything, or a deploy-time parameter in Resource are not "scoped"; the probes can
/// miss a managed grant outside the statement only in a part of its pattern no probe hits.
/// </para>
/// </summary>
internal sealed class ManagedPolicyOverridesScopeRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-PERM-004",
        "A managed policy grants a scoped inline statement's actions on resources the statement does not name",
        Severity.Error,
        "Drop the managed policy and name what the role needs in scoped statements (or drop the scoped statement that restricts nothing); if both are intended, explain it in Metadata \"edgeiam:justifications\": {\"<Sid or managed policy name>\": \"why\"}.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html");

    /// <summary>The same finding when the statement or the managed policy carries a written justification: shown, not failing.</summary>
    public RuleDescriptor Accepted => Descriptor with { Severity = Severity.Warning };

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        var probes = new PermissionProbes(stack);
        foreach (var role in stack.Roles)
        {
            var scoped = ScopedStatements(role).ToList();
            if (scoped.Count == 0)
            {
                continue;
            }

            var identity = probes.Identity(role);
            var managed = identity.Where((p, i) => p.Policy is not null
                && (i >= role.PermissionPolicies.Count || role.PermissionPolicies[i].Kind == PermissionPolicyKind.CustomerManaged)).ToList();
            if (managed.Count == 0)
            {
                continue;
            }

            var name = role.ConfigName ?? role.LogicalId;
            var all = new SessionPermissions(name, identity, null, null);
            foreach (var (policyIndex, policy, statement) in scoped)
            {
                var layer = identity[policyIndex];
                if (layer.Indeterminate[statement.Index])
                {
                    continue;
                }

                var compiled = layer.Policy!.Statements[statement.Index];
                var actions = statement.Action!.Values.SelectMany(a => ServiceAuthorization.Matching(ServiceAuthorization.Data, a)).Distinct().ToList();
                foreach (var other in managed)
                {
                    if (Widening(probes, role, all, other, compiled, actions) is not { } widening)
                    {
                        continue;
                    }

                    var grant = widening.Grant;
                    var granted = grant.NotResource is not null ? "every resource but its NotResource list"
                        : string.Join(", ", (grant.Resource?.Values ?? ["*"]).Select(r => $"\"{r}\""));
                    var message = $"{policy.Name} {statement.Label} scopes {string.Join(", ", statement.Action.Values)} to "
                        + $"{string.Join(", ", statement.Resource!.Values.Select(r => $"\"{r}\""))}, but {other.Label} {grant.Label} grants "
                        + $"{PermissionProbes.List(widening.Actions)} on {granted} (e.g. {widening.Example}): the scoped statement restricts nothing for {role.DisplayName}.";
                    var justifications = policy.Justifications.Merge(role.Justifications);
                    var why = (statement.Sid is { } sid ? justifications.BySid.GetValueOrDefault(sid) : null) ?? justifications.BySid.GetValueOrDefault(other.Name);
                    yield return why is null
                        ? For(stack, role, statement.JsonPath, message)
                        : new Finding(Accepted, stack.Name, stack.FilePath, role.LogicalId, role.ConfigName, statement.JsonPath, $"{message} Accepted: {why}.");
                }
            }
        }
    }

    /// <summary>Inline Allow statements that name actions and only named resources.</summary>
    private static IEnumerable<(int PolicyIndex, PermissionPolicy Policy, Statement Statement)> ScopedStatements(RoleResource role)
    {
        for (var i = 0; i < role.PermissionPolicies.Count; i++)
        {
            var policy = role.PermissionPolicies[i];
            if (policy.Kind == PermissionPolicyKind.CustomerManaged)
            {
                continue;
            }

            foreach (var statement in policy.Document.Statements)
            {
                if (statement.Effect == Effect.Allow && statement.Action is { Values.Count: > 0 } && statement.Resource is { Values.Count: > 0 } resources
                    && !resources.Values.Any(PermissionBreadth.CoversEveryResource))
                {
                    yield return (i, policy, statement);
                }
            }
        }
    }

    /// <summary>
    /// The statement's actions that <paramref name="managed"/> grants on a probe outside the statement's resources (and
    /// that no Deny of the role refuses), with the first such probe and the managed statement that grants it; null when none.
    /// </summary>
    private static (List<string> Actions, string Example, Statement Grant)? Widening(
        PermissionProbes probes, RoleResource role, SessionPermissions all, LayerPolicy managed, CompiledStatement scoped, IReadOnlyList<ActionEntry> actions)
    {
        var alone = new SessionPermissions(all.RoleName, [managed], null, null);
        var widened = new List<string>();
        (string Example, Statement Grant)? first = null;
        foreach (var action in actions)
        {
            // The probe most like the statement's own resources first, so the example reads as "the next topic over".
            var candidates = probes.Anywhere(action).Concat(managed.Policy!.Statements
                .Where(s => !s.IsDeny && TrustStatements.Allows(s.Source, action.FullName))
                .SelectMany(s => probes.Within(s.Source, action)))
                .OrderByDescending(p => scoped.Source.Resource!.Values.Max(r => CommonPrefix(r, p.Resource)));
            foreach (var probe in candidates)
            {
                var request = probes.Request(role, action.FullName, probe);
                if (scoped.MatchesResource(request) || alone.Decide(request) != PermissionOutcome.Allowed || all.Decide(request) == PermissionOutcome.ExplicitlyDenied)
                {
                    continue;
                }

                widened.Add(action.FullName);
                first ??= (probe.Resource, alone.Evaluate(request).Layers[0].Allows[0].Statement);
                break;
            }
        }

        return first is { } f ? (widened, f.Example, f.Grant) : null;
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }
}
