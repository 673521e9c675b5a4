using System.Text.RegularExpressions;
using EdgeIam.Config.Federation;
using EdgeIam.Config.Iam;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Identity;

/// <summary>
/// Parses the container roles of one fleet: <c>taskRoles[]</c> (ECS, trusting <c>ecs-tasks.amazonaws.com</c>) and
/// <c>podRoles[]</c> (EKS Pod Identity, trusting <c>pods.eks.amazonaws.com</c>).
/// </summary>
internal static partial class ContainerRoleParser
{
    internal static readonly KeySet TaskKeys = new("edgeFleets[].taskRoles[]", ["name", .. RoleAccessParser.Keys]);

    internal static readonly KeySet PodKeys = new("edgeFleets[].podRoles[]", ["name", "cluster", "namespace", "serviceAccount", .. RoleAccessParser.Keys]);

    /// <summary>The fleet keys this parser reads.</summary>
    internal static readonly string[] FleetKeys = ["taskRoles", "podRoles"];

    public static IReadOnlyList<ContainerRoleConfig> Parse(MappingReader fleet, IamRoleNames names) =>
    [
        .. fleet.Items("taskRoles", TaskKeys, r => ParseTask(r, names)),
        .. fleet.Items("podRoles", PodKeys, r => ParsePod(r, names)),
    ];

    private static ContainerRoleConfig? ParseTask(MappingReader role, IamRoleNames names)
    {
        // The ECS documentation locks a task role to the account's tasks (aws:SourceArn arn:aws:ecs:region:account:*),
        // not to one cluster, so there is no cluster key (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html).
        var name = names.Read(role);
        var access = RoleAccessParser.Parse(role);
        return name is null ? null : new ContainerRoleConfig(name, role.Path, ContainerRuntime.EcsTask, null, null, null, access);
    }

    private static ContainerRoleConfig? ParsePod(MappingReader role, IamRoleNames names)
    {
        var name = names.Read(role);
        // EKS cluster names: 1-100 characters, starting with a letter or digit
        // (https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html).
        var cluster = role.Matching("cluster", EksClusterPattern(), "an EKS cluster name (1-100 letters, digits, - or _, starting with a letter or digit)",
            "write the cluster's name, e.g. cluster: edge-nyc; EdgeIam then creates the Pod Identity association.");
        // A namespace is a DNS label (RFC 1123); a service account name a DNS subdomain
        // (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/).
        var ns = role.Matching("namespace", NamespacePattern(), "a Kubernetes namespace (a DNS label: 1-63 lower-case letters, digits or -)",
            "write the namespace of the service account, e.g. namespace: inference.", required: true);
        var account = role.Matching("serviceAccount", ServiceAccountPattern(), "a Kubernetes service account name (lower-case letters, digits, - and ., at most 253)",
            "write the service account whose pods get the role, e.g. serviceAccount: model-server. Without it every pod of the namespace would.", required: true);
        var access = RoleAccessParser.Parse(role);
        return name is null || ns is null || account is null || (role.Has("cluster") && cluster is null)
            ? null
            : new ContainerRoleConfig(name, role.Path, ContainerRuntime.EksPod, cluster, ns, account, access);
    }

    [GeneratedRegex(@"^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex EksClusterPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceAccountPattern();
}
