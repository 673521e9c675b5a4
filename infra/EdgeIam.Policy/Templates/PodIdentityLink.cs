namespace EdgeIam.Policy.Templates;

/// <summary>
/// An <c>AWS::EKS::PodIdentityAssociation</c>: pods of <paramref name="ServiceAccount"/> in <paramref name="Namespace"/>
/// of cluster <paramref name="ClusterName"/> get sessions of the role <paramref name="Role"/>, and with
/// <paramref name="TargetRoleArn"/> then of that role
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-eks-podidentityassociation.html).
/// </summary>
/// <param name="Role">The logical ID of this template's role that RoleArn names, or the ARN as written.</param>
internal sealed record PodIdentityLink(string LogicalId, string ClusterName, string Namespace, string ServiceAccount, string Role, string? TargetRoleArn, string JsonPath);
