namespace EdgeIam.Policy.Templates;

/// <summary>
/// An <c>AWS::SSO::Assignment</c>: Identity Center gives <paramref name="PrincipalType"/> <paramref name="PrincipalId"/>
/// the permission set in account <paramref name="TargetId"/>
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sso-assignment.html).
/// </summary>
/// <param name="PermissionSet">The logical ID of this template's permission set it names, or the ARN as written.</param>
internal sealed record PermissionSetAssignment(string LogicalId, string PermissionSet, string PrincipalType, string PrincipalId, string TargetId, string JsonPath);
