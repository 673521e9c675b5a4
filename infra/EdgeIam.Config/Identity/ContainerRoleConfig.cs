using EdgeIam.Config.Iam;

namespace EdgeIam.Config.Identity;

/// <summary>How a container on a fleet's instances receives a role's credentials.</summary>
public enum ContainerRuntime
{
    /// <summary>An ECS task role: the ECS agent serves it to the task (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html).</summary>
    EcsTask,

    /// <summary>An EKS Pod Identity role: the Pod Identity agent serves it to pods of one service account (https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html).</summary>
    EksPod,
}

/// <summary>
/// A role for the containers of one edge fleet (<c>edgeFleets[].taskRoles[]</c> or <c>edgeFleets[].podRoles[]</c>), so
/// containers stop sharing the instance profile's role. Immutable; validated at load.
/// </summary>
/// <param name="Name">IAM role name.</param>
/// <param name="KeyPath">Where the role is declared, e.g. <c>edgeFleets[1].taskRoles[0]</c>.</param>
/// <param name="Runtime">ECS task or EKS pod.</param>
/// <param name="Cluster">ECS: the cluster whose tasks may assume it (narrows aws:SourceArn); EKS: the cluster of the Pod Identity association. Null: any cluster of the account (EKS: no association is created).</param>
/// <param name="Namespace">EKS only: the Kubernetes namespace of the service account.</param>
/// <param name="ServiceAccount">EKS only: the Kubernetes service account whose pods receive the role.</param>
/// <param name="Access">Permissions, managed policies and maximum session duration.</param>
public sealed record ContainerRoleConfig(
    string Name,
    string KeyPath,
    ContainerRuntime Runtime,
    string? Cluster,
    string? Namespace,
    string? ServiceAccount,
    RoleAccess Access);
