using Amazon.CDK.AWS.EC2;
using Constructs;
using EdgeIam.Config.Compute;

namespace EdgeIam.Infrastructure.Compute;

/// <summary>
/// A security group with exactly the configured rules. EC2 gives a group allow-all egress when a template declares
/// no egress rule, so "no egress" is written as the same never-matching rule aws-cdk uses for
/// <c>allowAllOutbound: false</c>.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html
/// </summary>
internal sealed class EdgeSecurityGroup : Construct
{
    private static readonly CfnSecurityGroup.EgressProperty NoEgress = new()
    {
        CidrIp = "255.255.255.255/32",
        IpProtocol = "icmp",
        FromPort = 252,
        ToPort = 86,
        Description = "Disallow all traffic",
    };

    public EdgeSecurityGroup(Construct scope, string id, EdgeSecurityGroupProps props)
        : base(scope, id)
    {
        Group = new CfnSecurityGroup(this, "Group", new CfnSecurityGroupProps
        {
            VpcId = props.VpcId,
            GroupDescription = props.Description,
            SecurityGroupIngress = props.Ingress.Count == 0 ? null : props.Ingress.Select(ToIngress).ToArray<object>(),
            SecurityGroupEgress = props.Egress.Count == 0 ? [NoEgress] : props.Egress.Select(ToEgress).ToArray<object>(),
        });
    }

    public CfnSecurityGroup Group { get; }

    public string SecurityGroupId => Group.AttrGroupId;

    private static CfnSecurityGroup.IngressProperty ToIngress(SecurityGroupRule rule) => new()
    {
        CidrIp = rule.Cidr.ToString(),
        IpProtocol = rule.Protocol,
        FromPort = rule.FromPort,
        ToPort = rule.ToPort,
        Description = rule.Description,
    };

    private static CfnSecurityGroup.EgressProperty ToEgress(SecurityGroupRule rule) => new()
    {
        CidrIp = rule.Cidr.ToString(),
        IpProtocol = rule.Protocol,
        FromPort = rule.FromPort,
        ToPort = rule.ToPort,
        Description = rule.Description,
    };
}
