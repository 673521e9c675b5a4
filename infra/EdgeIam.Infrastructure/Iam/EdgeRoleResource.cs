using Amazon.CDK.AWS.IAM;

namespace EdgeIam.Infrastructure.Iam;

/// <summary>
/// The <c>AWS::IAM::Role</c> of an <see cref="EdgeRole"/> and the tokens others reference it by: the same
/// <c>Fn::GetAtt [Role, Arn]</c> and <c>Ref</c> the L2 <c>Role</c> handed out, which CDK wires across nested stacks.
/// Each is asked of node once, when first used.
/// </summary>
internal sealed class EdgeRoleResource(CfnRole resource)
{
    private string? _roleArn;
    private string? _roleName;

    public CfnRole Resource { get; } = resource;

    public string RoleArn => _roleArn ??= Resource.AttrArn;

    public string RoleName => _roleName ??= Resource.Ref;
}
