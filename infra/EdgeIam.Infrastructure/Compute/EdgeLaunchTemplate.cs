using Amazon.CDK.AWS.EC2;
using Constructs;
using EdgeIam.Config.Compute;

namespace EdgeIam.Infrastructure.Compute;

/// <summary>
/// The launch template every instance of a fleet starts from: IMDSv2 only (<c>HttpTokens=required</c>), hop limit 1
/// or 2, the fleet's instance profile, an encrypted root volume and the primary network interface in the fleet's
/// Wavelength subnet. CDK 2.160's <c>CfnInstance</c> has no <c>MetadataOptions</c>, so the template is where IMDS is set.
/// </summary>
internal sealed class EdgeLaunchTemplate : Construct
{
    public EdgeLaunchTemplate(Construct scope, string id, EdgeLaunchTemplateProps props)
        : base(scope, id)
    {
        var fleet = props.Fleet;
        if (fleet.MetadataHopLimit is < 1 or > EdgeFleetConfig.MaxMetadataHopLimit)
        {
            // IMDSv2 tokens must not travel past the instance (1) or its containers (2).
            throw new ArgumentOutOfRangeException(nameof(props), fleet.MetadataHopLimit, "metadata hop limit must be 1 or 2");
        }

        Template = new CfnLaunchTemplate(this, "Template", new CfnLaunchTemplateProps
        {
            LaunchTemplateData = new CfnLaunchTemplate.LaunchTemplateDataProperty
            {
                // An AMI ID, or resolve:ssm:<parameter> that EC2 resolves at each launch (synth stays offline).
                ImageId = fleet.Ami,
                InstanceType = fleet.InstanceType,
                IamInstanceProfile = new CfnLaunchTemplate.IamInstanceProfileProperty { Arn = props.InstanceProfileArn },
                // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html
                MetadataOptions = new CfnLaunchTemplate.MetadataOptionsProperty
                {
                    HttpEndpoint = "enabled",
                    HttpTokens = "required",
                    HttpPutResponseHopLimit = fleet.MetadataHopLimit,
                    InstanceMetadataTags = fleet.InstanceMetadataTags ? "enabled" : "disabled",
                },
                BlockDeviceMappings = new object[] { RootVolume(fleet) },
                // Subnet and security group go on the template's interface: RunInstances refuses them beside a
                // network interface, and the template then holds the instance's whole network posture.
                // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html
                NetworkInterfaces = new object[]
                {
                    new CfnLaunchTemplate.NetworkInterfaceProperty
                    {
                        DeviceIndex = 0,
                        SubnetId = props.SubnetId,
                        Groups = [props.SecurityGroupId],
                        AssociateCarrierIpAddress = fleet.CarrierIp,
                        DeleteOnTermination = true,
                    },
                },
            },
        });
    }

    public CfnLaunchTemplate Template { get; }

    /// <summary>The root volume, encrypted (with the account's default EBS key) and mapped over the AMI's own.</summary>
    private static CfnLaunchTemplate.BlockDeviceMappingProperty RootVolume(EdgeFleetConfig fleet) => new()
    {
        DeviceName = fleet.RootDeviceName,
        Ebs = new CfnLaunchTemplate.EbsProperty
        {
            Encrypted = true,
            // Wavelength Zones offer gp2 volumes ("Amazon EBS considerations",
            // https://docs.aws.amazon.com/wavelength/latest/developerguide/wavelength-quotas.html).
            VolumeType = "gp2",
            VolumeSize = fleet.RootVolumeSizeGiB,
            DeleteOnTermination = true,
        },
    };
}
