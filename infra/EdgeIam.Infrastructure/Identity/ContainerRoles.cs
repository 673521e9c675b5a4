using Amazon.CDK.AWS.EKS;
using Constructs;
using EdgeIam.Config.Iam;
using EdgeIam.Config.Identity;
using EdgeIam.Infrastructure.Iam;

namespace EdgeIam.Infrastructure.Identity;

/// <summary>
/// The container roles of one fleet: ECS task roles (trust <c>ecs-tasks.amazonaws.com</c> with <c>aws:SourceAccount</c>
/// and <c>aws:SourceArn arn:aws:ecs:region:account:*</c>, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html)
/// and EKS Pod Identity roles (trust <c>pods.eks.amazonaws.com</c> with <c>sts:AssumeRole</c> and <c>sts:TagSession</c>,
/// scoped by the session tags Pod Identity sets, https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html and
/// https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html), with the <c>AWS::EKS::PodIdentityAssociation</c>
/// when the cluster is named (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-eks-podidentityassociation.html).
/// </summary>
internal sealed class ContainerRoles : Construct
{
    public const string EcsService = "ecs-tasks.amazonaws.com";
    public const string PodIdentityService = "pods.eks.amazonaws.com";
    public const string TaskSid = "EcsTasksOfThisAccount";
    public const string PodSid = "EksPodIdentityForServiceAccount";

    public ContainerRoles(Construct scope, string id, ContainerRolesProps props)
        : base(scope, id)
    {
        var stack = EdgeIamStack.Containing(this);
        var config = stack.Config;
        foreach (var role in props.Fleet.ContainerRoles)
        {
            var ecs = role.Runtime == ContainerRuntime.EcsTask;
            var statement = ecs
                ? ServiceTrust.Statement(TaskSid, EcsService, ["sts:AssumeRole"],
                    ServiceTrust.SourceConditions(config.Account, [$"arn:{config.Partition}:ecs:{config.Region}:{config.Account}:*"]))
                : ServiceTrust.Statement(PodSid, PodIdentityService, ["sts:AssumeRole", "sts:TagSession"], PodConditions(role));
            var edgeRole = new EdgeRole(this, role.Name, new EdgeRoleProps(
                role.KeyPath,
                role.Name,
                ecs
                    ? $"ECS task role for containers of fleet {props.Fleet.Name} (EdgeIam {role.KeyPath})"
                    : $"EKS Pod Identity role for {role.Namespace}/{role.ServiceAccount} on fleet {props.Fleet.Name} (EdgeIam {role.KeyPath})",
                [statement],
                role.Access));

            if (!ecs && role.Cluster is { } cluster)
            {
                _ = new CfnPodIdentityAssociation(this, role.Name + "Association", new CfnPodIdentityAssociationProps
                {
                    ClusterName = cluster,
                    Namespace = role.Namespace!,
                    ServiceAccount = role.ServiceAccount!,
                    RoleArn = edgeRole.Role.RoleArn,
                });
            }
        }
    }

    /// <summary>The session tags EKS Pod Identity sets: namespace, service account and (when named) cluster.</summary>
    private static List<PolicyCondition> PodConditions(ContainerRoleConfig role)
    {
        var conditions = new List<PolicyCondition>
        {
            new("StringEquals", "aws:RequestTag/kubernetes-namespace", [role.Namespace!]),
            new("StringEquals", "aws:RequestTag/kubernetes-service-account", [role.ServiceAccount!]),
        };
        if (role.Cluster is { } cluster)
        {
            conditions.Add(new("StringEquals", "aws:RequestTag/eks-cluster-name", [cluster]));
        }

        return conditions;
    }
}
