using EdgeIam.Policy.Permissions;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-PERM-006: a role that a pull request can assume (<see cref="PullRequestSubjects"/>: its web-identity trust
/// admits a <c>repo:OWNER/REPO:pull_request</c> subject, by an exact value, a pattern, <c>*</c> or no subject condition
/// at all) can read what secrets are kept in: <c>s3:GetObject</c> on every bucket, <c>secretsmanager:GetSecretValue</c>
/// on any secret, <c>ssm:GetParameter</c>, <c>GetParameters</c> or <c>GetParametersByPath</c> on every parameter. A
/// pull request runs code its author wrote, from a fork too (GitHub's guidance:
/// https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-openid-connect-to-access-cloud-resources),
/// so whatever the role reads, the author reads. <c>ReadOnlyAccess</c> is the usual case: it reads every object and
/// parameter (<c>ViewOnlyAccess</c> lists and describes without reading data).
/// <para>
/// Decided after every layer with the engine (<see cref="PermissionProbes"/>): "every bucket" and "every parameter" are
/// probes no real resource has, in the stack's account and region; "any secret" also tries an instance of each granting
/// statement's own resources. A grant that conditions keep back, or that an unknown permissions boundary might refuse,
/// is reported, saying so. An identity policy EdgeIam cannot read (not in the snapshot, another account's) is a note:
/// the rule could not check what it grants, and says so instead of staying silent. Justified by the granting
/// statement's Sid or the managed policy's name in the role's Metadata <c>edgeiam:justifications</c>: then an accepted
/// warning.
/// </para>
/// <para>
/// False positives: buckets and parameters that hold nothing secret (public data) are reported like any other; a
/// subject condition that admits pull requests only of repositories without forks or outside collaborators is still
/// "a pull request". False negatives: reads of named buckets or parameters (a scoped grant is a decision the rule
/// leaves to review); a pull-request job that uses a GitHub environment gets an <c>environment:</c> subject, which the
/// rule does not count; other secret-bearing reads (<c>kms:Decrypt</c>, <c>s3:GetObjectVersion</c>, Lambda
/// environment variables) are not in the list.
/// </para>
/// </summary>
internal sealed class PullRequestSecretsRule : PolicyRule
{
    /// <summary>The reads, and whether any resource (true) or only every resource (false) counts.</summary>
    private static readonly (string Action, string Scope, bool AnyResource)[] Reads =
    [
        ("s3:GetObject", "every bucket", false),
        ("secretsmanager:GetSecretValue", "any secret", true),
        ("ssm:GetParameter", "every parameter", false),
        ("ssm:GetParameters", "every parameter", false),
        ("ssm:GetParametersByPath", "every parameter", false),
    ];

    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-PERM-006",
        "A role a pull request can assume reads every S3 object, SSM parameter or a secret",
        Severity.Error,
        "Give pull-request roles list/describe access only (e.g. ViewOnlyAccess plus the named reads the job needs), or take pull requests out of the trust (subject ...:pull_request); if unavoidable explain it in Metadata \"edgeiam:justifications\": {\"<Sid or managed policy name>\": \"why\"}.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html");

    public RuleDescriptor Accepted => Descriptor with { Severity = Severity.Warning };

    public RuleDescriptor CouldNotCheck => Descriptor with { Severity = Severity.Note };

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        var probes = new PermissionProbes(stack);
        foreach (var role in stack.Roles)
        {
            if (PullRequestSubjects.Admitting(role) is not { } admitted)
            {
                continue;
            }

            var (trust, subject) = admitted;
            var who = $"{role.DisplayName}, which a pull request can assume ({trust.Label} admits sub \"{subject}\")";
            var session = probes.ForRole(role);
            foreach (var unknown in session.Identity.Where(p => p.Policy is null))
            {
                yield return new Finding(CouldNotCheck, stack.Name, stack.FilePath, role.LogicalId, role.ConfigName, role.JsonPath + ".Properties.ManagedPolicyArns",
                    $"{who}: could not check whether {unknown.Label} reads S3 objects, SSM parameters or secrets: {unknown.Unknown}.");
            }

            // One finding per policy and place: an AWS managed policy's statements all sit at the role's ManagedPolicyArns.
            var grants = new Dictionary<(string Policy, string Path), (StatementHit Hit, List<string> Statements, List<string> Reads, Reach Reach, PermissionEvaluation Evaluation)>();
            foreach (var (name, scope, anyResource) in Reads)
            {
                var action = ServiceAuthorization.Find(ServiceAuthorization.Data, name)!;
                var candidates = probes.Anywhere(action).AsEnumerable();
                if (anyResource)
                {
                    candidates = candidates.Concat(session.Identity.Where(p => p.Policy is not null).SelectMany(p => p.Policy!.Statements)
                        .Where(s => !s.IsDeny && TrustStatements.Allows(s.Source, name))
                        .SelectMany(s => probes.Within(s.Source, action)));
                }

                foreach (var probe in candidates)
                {
                    var reach = PermissionProbes.Reaches(session, probes.Request(role, name, probe), out var evaluation);
                    if (reach == Reach.No || PermissionProbes.Grant(evaluation) is not { } hit)
                    {
                        continue;
                    }

                    var key = (hit.Policy.Label, PermissionProbes.PathOf(role, hit));
                    if (!grants.TryGetValue(key, out var grant))
                    {
                        grants[key] = grant = (hit, [], [], reach, evaluation);
                    }

                    if (!grant.Statements.Contains(hit.Statement.Label))
                    {
                        grant.Statements.Add(hit.Statement.Label);
                    }

                    grant.Reads.Add($"{name} on {scope}");
                    break;
                }
            }

            foreach (var ((_, path), (hit, statements, reads, reach, evaluation)) in grants)
            {
                var message = $"{who}: {hit.Policy.Label} {string.Join(", ", statements)} {(statements.Count == 1 ? "grants" : "grant")} "
                    + $"{PermissionProbes.List(reads)}{PermissionProbes.Qualifier(reach, evaluation, hit)}.";
                yield return PermissionProbes.Justification(role, hit) is { } why
                    ? new Finding(Accepted, stack.Name, stack.FilePath, role.LogicalId, role.ConfigName, path, $"{message} Accepted: {why}.")
                    : For(stack, role, path, message);
            }
        }
    }
}
