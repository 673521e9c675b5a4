using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-SVC-001: a trust statement for an AWS service principal without <c>aws:SourceAccount</c>, <c>aws:SourceArn</c>
/// (or <c>aws:SourceOrgID</c> / <c>aws:SourceOrgPaths</c>) lets the service assume the role while acting for any
/// customer: the cross-service confused deputy (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).
/// Exempt, with their reasons in <see cref="Exempt"/>: services that assume the role only for a resource of this
/// account that someone here attached it to, and services another rule covers.
/// </summary>
internal sealed class ServiceSourceRule : PolicyRule
{
    /// <summary>Keys that tie the service's request to a source (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn).</summary>
    public static readonly string[] SourceKeys = ["aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths"];

    /// <summary>
    /// Service principals the rule does not ask for source keys, and why. ec2.amazonaws.com: an instance-profile role
    /// is assumed by EC2 for an instance of this account whose profile an identity here passed (iam:PassRole; roles
    /// cannot be passed across accounts), and EC2 documents no source keys for it. rolesanywhere.amazonaws.com:
    /// EIAM-RA-001 requires aws:SourceArn naming a trust anchor. pods.eks.amazonaws.com: scoped by the session tags Pod
    /// Identity sets (aws:RequestTag/eks-cluster-arn, -name, kubernetes-namespace, kubernetes-service-account:
    /// https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html); exempt only when the statement pins one.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Exempt = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ec2.amazonaws.com"] = "instance profiles: assumed only for this account's instances",
        ["rolesanywhere.amazonaws.com"] = "covered by EIAM-RA-001",
        ["pods.eks.amazonaws.com"] = "scoped by Pod Identity session tags",
    };

    private static readonly string[] PodTags =
        ["aws:RequestTag/eks-cluster-arn", "aws:RequestTag/eks-cluster-name", "aws:RequestTag/kubernetes-namespace", "aws:RequestTag/kubernetes-service-account"];

    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-SVC-001",
        "Service-principal trust without aws:SourceAccount or aws:SourceArn (cross-service confused deputy)",
        Severity.Error,
        "Add \"StringEquals\": {\"aws:SourceAccount\": \"<this account>\"} and \"ArnLike\": {\"aws:SourceArn\": \"<the resource the service acts for>\"}.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html");

    public RuleDescriptor Accepted => Descriptor with { Severity = Severity.Warning };

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements.Where(s => s.Effect == Effect.Allow))
            {
                var services = (statement.Principal?.Entries ?? [])
                    .Where(e => e.Kind == PrincipalKind.Service)
                    .Select(e => e.Value)
                    .Where(s => !Exempt.ContainsKey(s) || (string.Equals(s, "pods.eks.amazonaws.com", StringComparison.OrdinalIgnoreCase) && !PinsAny(statement, PodTags)))
                    .ToList();
                if (services.Count == 0 || PinsAny(statement, SourceKeys))
                {
                    continue;
                }

                var message = $"{statement.Label} trusts {string.Join(", ", services)} without aws:SourceAccount or aws:SourceArn: the service could assume {role.DisplayName} while acting for another account.";
                var why = statement.Sid is { } sid && role.Justifications.BySid.TryGetValue(sid, out var reason) ? reason : null;
                yield return why is null
                    ? For(stack, role, statement.JsonPath, message)
                    : new Finding(Accepted, stack.Name, stack.FilePath, role.LogicalId, role.ConfigName, statement.JsonPath, $"{message} Accepted: {why}.");
            }
        }
    }

    /// <summary>A positive (not negated) condition on one of <paramref name="keys"/>; IfExists does not count (it passes when the key is absent).</summary>
    private static bool PinsAny(Statement statement, string[] keys) =>
        keys.Any(k => statement.ConditionsOn(k).Any(c => !c.Operator.IfExists && !c.Operator.IsNegated));
}
