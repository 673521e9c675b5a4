using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EdgeIam.Infrastructure.Iam;

namespace EdgeIam.Infrastructure.Compute;

/// <summary>
/// A fleet of edge instances in one Wavelength Zone. The instances get AWS credentials only as the fleet role's
/// temporary credentials from IMDSv2 (through the instance profile): no access keys exist anywhere.
/// </summary>
internal sealed class EdgeFleet : Construct
{
    private const string Ec2Service = "ec2.amazonaws.com";

    /// <summary>The fleet role's only trust statement: EC2 may assume it on behalf of the fleet's instances.</summary>
    private static readonly IamStatement TrustEc2Only = new(null, Allow: true, ["sts:AssumeRole"], [],
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["Service"] = [Ec2Service] });

    public EdgeFleet(Construct scope, string id, EdgeFleetProps props)
        : base(scope, id)
    {
        var fleet = props.Fleet;
        var stack = EdgeIamStack.Containing(this);
        var subnet = props.Network.SubnetIn(fleet.Zone);

        Role = new EdgeRole(this, "Role", new EdgeRoleProps(
            fleet.KeyPath,
            fleet.Name,
            $"Edge fleet {fleet.Name} in {fleet.Zone}: instance profile role, credentials from IMDSv2 only",
            [TrustEc2Only],
            fleet.Access));
        var profile = new CfnInstanceProfile(this, "InstanceProfile", new CfnInstanceProfileProps
        {
            Roles = [Role.Role.RoleName],
        });
        profile.ApplyRemovalPolicy(stack.IdentityRemovalPolicy);

        var securityGroup = new EdgeSecurityGroup(this, "SecurityGroup", new EdgeSecurityGroupProps(
            props.Network.VpcId,
            $"EdgeIam edge fleet {fleet.Name} in {fleet.Zone}",
            fleet.Ingress,
            fleet.Egress));
        LaunchTemplate = new EdgeLaunchTemplate(this, "LaunchTemplate", new EdgeLaunchTemplateProps(
            fleet, subnet.SubnetId, securityGroup.SecurityGroupId, profile.AttrArn));

        var instances = new List<CfnInstance>();
        for (var i = 1; i <= fleet.Count; i++)
        {
            instances.Add(new CfnInstance(this, string.Create(CultureInfo.InvariantCulture, $"Instance{i}"), new CfnInstanceProps
            {
                // Everything else (AMI, type, IMDS, subnet, profile) comes from the template. A new template version
                // replaces the instances: they are cattle, rebuilt from the template.
                LaunchTemplate = new CfnInstance.LaunchTemplateSpecificationProperty
                {
                    LaunchTemplateId = LaunchTemplate.Template.Ref,
                    Version = LaunchTemplate.Template.AttrLatestVersionNumber,
                },
                PropagateTagsToVolumeOnCreation = true,
            }));
        }

        Instances = instances;
        _ = new CfnOutput(this, "RoleArn", new CfnOutputProps
        {
            Value = Role.Role.RoleArn,
            Description = $"Role of edge fleet {fleet.Name} (instance profile)",
        });
        _ = new CfnOutput(this, "InstanceIds", new CfnOutputProps
        {
            Value = Fn.Join(",", [.. instances.Select(instance => instance.Ref)]),
            Description = $"Instances of edge fleet {fleet.Name} in {fleet.Zone}, comma-separated",
        });
    }

    public EdgeRole Role { get; }

    public EdgeLaunchTemplate LaunchTemplate { get; }

    public IReadOnlyList<CfnInstance> Instances { get; }
}
