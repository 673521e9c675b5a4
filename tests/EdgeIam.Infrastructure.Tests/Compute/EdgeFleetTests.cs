using System.Text.Json.Nodes;
using Amazon.CDK;
using EdgeIam.Config.Compute;
using EdgeIam.Config.Naming;
using EdgeIam.Infrastructure.Compute;
using EdgeIam.Infrastructure.Tests.Support;

namespace EdgeIam.Infrastructure.Tests.Compute;

[Collection(SynthesizedStacksCollection.Name)]
public sealed class EdgeFleetTests(SynthesizedStacks stacks)
{
    private IReadOnlyList<KeyValuePair<string, JsonObject>> Dev(string type) => SynthesizedStacks.ResourcesOf(stacks.DevJson, type);

    /// <summary>The one resource of <paramref name="type"/> that belongs to the fleet (its construct ID prefix).</summary>
    private KeyValuePair<string, JsonObject> OfFleet(string fleet, string type) =>
        Assert.Single(Dev(type), r => r.Key.StartsWith(ConstructIds.Fleet(fleet), StringComparison.Ordinal));

    private static JsonNode Props(KeyValuePair<string, JsonObject> resource) => resource.Value["Properties"]!;

    private static JsonNode TemplateData(KeyValuePair<string, JsonObject> template) => Props(template)["LaunchTemplateData"]!;

    private static string? RefOf(JsonNode? node) => (string?)node?["Ref"];

    private static string? GetAttOf(JsonNode? node) => (string?)node?["Fn::GetAtt"]?[0];

    [Fact]
    public void EdgeInstancesRequireImdsV2()
    {
        var templates = Dev("AWS::EC2::LaunchTemplate").Concat(SynthesizedStacks.ResourcesOf(stacks.ProdJson, "AWS::EC2::LaunchTemplate")).ToList();

        Assert.Equal(stacks.DevConfig.EdgeFleets.Count + stacks.ProdConfig.EdgeFleets.Count, templates.Count);
        Assert.All(templates, t =>
        {
            var metadata = TemplateData(t)["MetadataOptions"]!;
            Assert.Equal("required", (string?)metadata["HttpTokens"]);
            Assert.Equal("enabled", (string?)metadata["HttpEndpoint"]);
        });
    }

    [Theory]
    [InlineData("video-analytics", 1, "enabled")]
    [InlineData("inference", 2, "disabled")]
    public void MetadataHopLimitAndTagsFollowTheFleetConfig(string fleet, int hops, string tags)
    {
        var metadata = TemplateData(OfFleet(fleet, "AWS::EC2::LaunchTemplate"))["MetadataOptions"]!;

        Assert.Equal(hops, (int)metadata["HttpPutResponseHopLimit"]!);
        Assert.Equal(tags, (string?)metadata["InstanceMetadataTags"]);
    }

    [Fact]
    public void FleetRolesTrustOnlyEc2()
    {
        foreach (var fleet in stacks.DevConfig.EdgeFleets)
        {
            var trust = Props(OfFleet(fleet.Name, "AWS::IAM::Role"))["AssumeRolePolicyDocument"]!["Statement"]!.AsArray();

            var statement = Assert.Single(trust)!.AsObject();
            Assert.Equal("Allow", (string?)statement["Effect"]);
            Assert.Equal("sts:AssumeRole", (string?)statement["Action"]);
            Assert.Equal("""{"Service":"ec2.amazonaws.com"}""", statement["Principal"]!.ToJsonString());
            Assert.Null(statement["Condition"]);
        }
    }

    [Fact]
    public void EveryLaunchTemplateCarriesItsFleetsInstanceProfile()
    {
        foreach (var fleet in stacks.DevConfig.EdgeFleets)
        {
            var role = OfFleet(fleet.Name, "AWS::IAM::Role");
            var profile = OfFleet(fleet.Name, "AWS::IAM::InstanceProfile");
            var template = OfFleet(fleet.Name, "AWS::EC2::LaunchTemplate");

            Assert.Equal(role.Key, RefOf(Assert.Single(Props(profile)["Roles"]!.AsArray())));
            Assert.Equal(profile.Key, GetAttOf(TemplateData(template)["IamInstanceProfile"]!["Arn"]));
            Assert.Equal("EdgeIam-dev-" + fleet.Name, (string?)Props(role)["RoleName"]);
        }
    }

    [Fact]
    public void EdgeRootVolumesAreEncryptedOnTheAmiRootDevice()
    {
        var mapping = Assert.Single(TemplateData(OfFleet("inference", "AWS::EC2::LaunchTemplate"))["BlockDeviceMappings"]!.AsArray())!;

        Assert.Equal("/dev/xvda", (string?)mapping["DeviceName"]);
        Assert.True((bool)mapping["Ebs"]!["Encrypted"]!);
        Assert.Equal("gp2", (string?)mapping["Ebs"]!["VolumeType"]);
        Assert.Equal(100, (int)mapping["Ebs"]!["VolumeSize"]!);
        Assert.True((bool)mapping["Ebs"]!["DeleteOnTermination"]!);
    }

    [Fact]
    public void ThePrimaryInterfaceSitsInTheFleetZoneWithTheFleetSecurityGroupAndACarrierIp()
    {
        var subnetOf = Dev("AWS::EC2::Subnet").ToDictionary(s => (string)Props(s)["AvailabilityZone"]!, s => s.Key);
        foreach (var fleet in stacks.DevConfig.EdgeFleets)
        {
            var nic = Assert.Single(TemplateData(OfFleet(fleet.Name, "AWS::EC2::LaunchTemplate"))["NetworkInterfaces"]!.AsArray())!;

            Assert.Equal(0, (int)nic["DeviceIndex"]!);
            Assert.Equal(subnetOf[fleet.Zone], RefOf(nic["SubnetId"]));
            Assert.Equal(OfFleet(fleet.Name, "AWS::EC2::SecurityGroup").Key, GetAttOf(Assert.Single(nic["Groups"]!.AsArray())));
            Assert.Equal(fleet.CarrierIp, (bool)nic["AssociateCarrierIpAddress"]!);
        }
    }

    [Fact]
    public void InstancesLaunchFromTheirFleetTemplateAtItsLatestVersionAndNothingElse()
    {
        foreach (var fleet in stacks.DevConfig.EdgeFleets)
        {
            var template = OfFleet(fleet.Name, "AWS::EC2::LaunchTemplate").Key;
            var instances = Dev("AWS::EC2::Instance").Where(i => RefOf(Props(i)["LaunchTemplate"]!["LaunchTemplateId"]) == template).ToList();

            Assert.Equal(fleet.Count, instances.Count);
            Assert.All(instances, i =>
            {
                var properties = Props(i).AsObject();
                Assert.Equal(template, GetAttOf(properties["LaunchTemplate"]!["Version"]));
                Assert.Equal("LatestVersionNumber", (string?)properties["LaunchTemplate"]!["Version"]!["Fn::GetAtt"]![1]);
                // AMI, type, subnet, groups and profile come only from the template.
                Assert.Equal(["LaunchTemplate", "PropagateTagsToVolumeOnCreation", "Tags"], properties.Select(p => p.Key).Order(StringComparer.Ordinal));
            });
        }
    }

    [Fact]
    public void TheDefaultAmiIsAmazonLinux2023ResolvedByEc2AtLaunchSoSynthStaysOffline()
    {
        Assert.Equal(EdgeFleetConfig.DefaultAmi, (string?)TemplateData(OfFleet("video-analytics", "AWS::EC2::LaunchTemplate"))["ImageId"]);
        // No CloudFormation parameter resolves the AMI at deploy time (only CDK's own bootstrap-version check exists).
        Assert.Equal(["BootstrapVersion"], stacks.DevJson["Parameters"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Security_groups_hold_exactly_the_configured_rules()
    {
        var group = Props(OfFleet("video-analytics", "AWS::EC2::SecurityGroup"));

        Assert.Equal(
            """[{"CidrIp":"0.0.0.0/0","Description":"HTTPS from devices on the carrier network","FromPort":443,"IpProtocol":"tcp","ToPort":443},{"CidrIp":"10.20.0.0/16","Description":"ping from inside the VPC","FromPort":-1,"IpProtocol":"icmp","ToPort":-1}]""",
            group["SecurityGroupIngress"]!.ToJsonString());
        Assert.Equal(
            """[{"CidrIp":"0.0.0.0/0","Description":"HTTPS to AWS APIs","FromPort":443,"IpProtocol":"tcp","ToPort":443}]""",
            group["SecurityGroupEgress"]!.ToJsonString());
        Assert.Equal(Assert.Single(Dev("AWS::EC2::VPC")).Key, RefOf(group["VpcId"]));
    }

    [Fact]
    public void EdgeSecurityGroupsHaveNoIngressUnlessConfiguredAndEmptyEgressMeansNone()
    {
        var template = AdHocStack.Synthesize("""
            account: "111111111111"
            region: us-east-1
            network:
              vpcCidr: 10.40.0.0/16
              wavelengthZones:
                - zone: us-east-1-wl1-bos-wlz-1
                  subnetCidr: 10.40.10.0/24
            edgeFleets:
              - name: quiet
                zone: us-east-1-wl1-bos-wlz-1
                instanceType: t3.medium
              - name: sealed
                zone: us-east-1-wl1-bos-wlz-1
                instanceType: t3.medium
                egress: []
            """);
        var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(template.ToJSON()))!.AsObject();
        var groups = SynthesizedStacks.ResourcesOf(json, "AWS::EC2::SecurityGroup").ToDictionary(g => g.Key[..10], g => Props(g));

        Assert.Null(groups["FleetQuiet"]["SecurityGroupIngress"]);
        Assert.Equal(443, (int)Assert.Single(groups["FleetQuiet"]["SecurityGroupEgress"]!.AsArray())!["FromPort"]!);
        Assert.Null(groups["FleetSeale"]["SecurityGroupIngress"]);
        Assert.Equal("255.255.255.255/32", (string?)Assert.Single(groups["FleetSeale"]["SecurityGroupEgress"]!.AsArray())!["CidrIp"]);
        Assert.All(SynthesizedStacks.ResourcesOf(json, "AWS::EC2::LaunchTemplate"), t =>
        {
            Assert.False((bool)TemplateData(t)["NetworkInterfaces"]![0]!["AssociateCarrierIpAddress"]!);
            Assert.Equal(1, (int)TemplateData(t)["MetadataOptions"]!["HttpPutResponseHopLimit"]!);
            Assert.Equal("disabled", (string?)TemplateData(t)["MetadataOptions"]!["InstanceMetadataTags"]);
        });
        template.ResourceCountIs("AWS::EC2::Instance", 2);
    }

    [Fact]
    public void Fleet_permissions_are_the_configured_statements_and_justifications_are_recorded()
    {
        var role = OfFleet("video-analytics", "AWS::IAM::Role");
        var policy = Assert.Single(Dev("AWS::IAM::Policy"), p => RefOf(Props(p)["Roles"]![0]) == role.Key);
        var statements = Props(policy)["PolicyDocument"]!["Statement"]!.AsArray().Select(s => (string?)s!["Sid"]);

        Assert.Equal(["WriteFrames", "PublishMetrics"], statements);
        Assert.Equal(
            "CloudWatch PutMetricData has no resource-level permissions; the namespace condition scopes it.",
            (string?)role.Value["Metadata"]!["edgeiam:justifications"]!["PublishMetrics"]);
        Assert.Equal(
            """["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]""",
            Props(role)["ManagedPolicyArns"]!.ToJsonString());
    }

    [Fact]
    public void Fleet_outputs_name_role_ARNs_and_instance_IDs()
    {
        var outputs = stacks.DevJson["Outputs"]!.AsObject().Select(o => o.Value!["Value"]!).ToList();
        foreach (var fleet in stacks.DevConfig.EdgeFleets)
        {
            var role = OfFleet(fleet.Name, "AWS::IAM::Role").Key;
            Assert.Contains(outputs, v => GetAttOf(v) == role && (string?)v["Fn::GetAtt"]![1] == "Arn");

            var instances = Dev("AWS::EC2::Instance").Where(i => i.Key.StartsWith(ConstructIds.Fleet(fleet.Name), StringComparison.Ordinal))
                .Select(i => i.Key).ToList();
            // CDK folds a one-element join into a plain Ref.
            Assert.Contains(outputs, v => v["Fn::Join"] is { } join
                ? join[1]!.AsArray().Select(x => RefOf(x)).SequenceEqual(instances)
                : instances.Count == 1 && RefOf(v) == instances[0]);
        }
    }

    [Fact]
    public void NoIamUsersOrAccessKeysExist()
    {
        Assert.Empty(Dev("AWS::IAM::User"));
        Assert.Empty(Dev("AWS::IAM::AccessKey"));
    }

    [Fact]
    public void A_protected_stack_retains_fleet_roles_and_instance_profiles()
    {
        foreach (var type in new[] { "AWS::IAM::Role", "AWS::IAM::InstanceProfile" })
        {
            var resource = Assert.Single(SynthesizedStacks.ResourcesOf(stacks.ProdJson, type), r => r.Key.StartsWith("FleetVideoAnalytics", StringComparison.Ordinal));
            Assert.Equal("Retain", (string?)resource.Value["DeletionPolicy"]);
        }
    }

    [Fact]
    public void TheLaunchTemplateRefusesAHopLimitAboveTwoEvenIfTheLoaderWereBypassed()
    {
        var stack = new Stack(new App(), "Guard");
        var fleet = new EdgeFleetConfig
        {
            Name = "bypass",
            KeyPath = "edgeFleets[0]",
            Zone = "us-east-1-wl1-bos-wlz-1",
            InstanceType = "t3.medium",
            MetadataHopLimit = 3,
        };

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new EdgeLaunchTemplate(stack, "Template", new EdgeLaunchTemplateProps(fleet, "subnet-1", "sg-1", "arn:aws:iam::111111111111:instance-profile/x")));
    }
}
