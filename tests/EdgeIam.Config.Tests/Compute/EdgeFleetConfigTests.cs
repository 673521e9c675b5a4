using EdgeIam.Config.Compute;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Compute;

/// <summary>The <c>edgeFleets</c> section: defaults, and one failing input per rule, named as the rule.</summary>
public sealed class EdgeFleetConfigTests
{
    private const string Network = """
        network:
          vpcCidr: 10.20.0.0/16
          wavelengthZones:
            - zone: us-east-1-wl1-bos-wlz-1
              subnetCidr: 10.20.10.0/24

        """;

    /// <summary>A stack with the Boston network and one fleet; <paramref name="extra"/> adds keys to the fleet.</summary>
    private static string Fleet(string extra = "", string zone = "us-east-1-wl1-bos-wlz-1", string type = "t3.medium") =>
        StackFiles.Minimal + Network + $"""
        edgeFleets:
          - name: video-analytics
            zone: {zone}
            instanceType: {type}

        """ + Indent(extra);

    private static string Indent(string keys) =>
        string.Concat(keys.Split('\n').Where(l => l.Length > 0).Select(l => "    " + l + "\n"));

    private static EdgeFleetConfig ValidFleet(string extra = "") => Assert.Single(StackFiles.Valid(Fleet(extra)).EdgeFleets);

    private static string Rules(string direction, int count) =>
        direction + ":\n" + string.Concat(Enumerable.Range(0, count).Select(i =>
            System.FormattableString.Invariant($"  - {{ cidr: 10.{i / 250}.{i % 250}.0/24, ports: \"443\" }}\n")));

    [Theory]
    [InlineData("ingress", "inbound")]
    [InlineData("egress", "outbound")]
    public void More_than_60_rules_per_direction_exceed_the_default_security_group_quota(string direction, string word)
    {
        var error = StackFiles.SingleError(Fleet(Rules(direction, 61)));
        Assert.Equal($"edgeFleets[0].{direction}[60]", error.KeyPath);
        Assert.Equal($"61 {word} rules exceed the quota of 60 per security group (AWS default); this is rule 61", error.Message);
        Assert.Equal((13 + 60, 9), (error.Line, error.Column));
        Assert.Contains("quotas: { securityGroupRulesPerGroup: N }", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Sixty_rules_fit_the_default_quota_and_a_declared_raised_quota_allows_more()
    {
        Assert.Equal(60, ValidFleet(Rules("ingress", 60)).Ingress.Count);
        var raised = StackFiles.Valid("quotas:\n  securityGroupRulesPerGroup: 100\n" + Fleet(Rules("ingress", 100)));
        Assert.Equal(100, Assert.Single(raised.EdgeFleets).Ingress.Count);
        Assert.Equal(100, raised.Quotas.SecurityGroupRulesPerGroup);
        var error = StackFiles.SingleError("quotas:\n  securityGroupRulesPerGroup: 100\n" + Fleet(Rules("ingress", 101)));
        Assert.Equal("101 inbound rules exceed the quota of 100 per security group (quotas.securityGroupRulesPerGroup); this is rule 101", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("lots")]
    public void A_declared_rule_quota_stays_within_what_AWS_allows(string value)
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + "quotas:\n  securityGroupRulesPerGroup: " + value + "\n");
        Assert.Equal("quotas.securityGroupRulesPerGroup", error.KeyPath);
        Assert.Contains("1,000", error.Fix, StringComparison.Ordinal);
        Assert.Equal((4, 31), (error.Line, error.Column));
    }

    [Fact]
    public void A_duplicate_rule_is_refused_at_the_second_one()
    {
        var error = StackFiles.SingleError(Fleet("ingress:\n  - { cidr: 10.1.0.0/24, ports: \"443\" }\n  - { cidr: 10.1.0.0/24, ports: \"443\", description: again }\n"));
        Assert.Equal("edgeFleets[0].ingress[1]", error.KeyPath);
        Assert.Equal("the same rule as edgeFleets[0].ingress[0] (cidr, protocol and ports); EC2 refuses a duplicate rule", error.Message);
        Assert.Equal((14, 9), (error.Line, error.Column));
    }

    [Fact]
    public void A_minimal_fleet_gets_safe_defaults()
    {
        var fleet = ValidFleet();

        Assert.Equal("edgeFleets[0]", fleet.KeyPath);
        Assert.Equal(1, fleet.Count);
        Assert.Equal(1, fleet.MetadataHopLimit);
        Assert.False(fleet.InstanceMetadataTags);
        Assert.False(fleet.CarrierIp);
        Assert.Equal(EdgeFleetConfig.DefaultAmi, fleet.Ami);
        Assert.StartsWith("resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023", fleet.Ami, StringComparison.Ordinal);
        Assert.Equal(16, fleet.RootVolumeSizeGiB);
        Assert.Equal("/dev/xvda", fleet.RootDeviceName);
        Assert.Empty(fleet.Ingress);
        var egress = Assert.Single(fleet.Egress);
        Assert.Equal(("0.0.0.0/0", "tcp", 443, 443), (egress.Cidr.ToString(), egress.Protocol, egress.FromPort, egress.ToPort));
        Assert.Empty(fleet.Access.Permissions);
    }

    [Fact]
    public void Every_key_is_read()
    {
        var fleet = ValidFleet("""
            count: 3
            ami: ami-0123456789abcdef0
            metadataHopLimit: 2
            instanceMetadataTags: true
            carrierIp: true
            rootVolumeSize: 40
            rootDeviceName: /dev/sda1
            ingress:
              - cidr: 203.0.113.0/24
                protocol: udp
                ports: 5000-5010
                description: RTP from devices
              - cidr: 10.20.0.0/16
                protocol: icmp
            egress: []
            permissions:
              - sid: WriteFrames
                actions: [s3:PutObject]
                resources: ["arn:aws:s3:::frames/*"]
            managedPolicies: [AmazonSSMManagedInstanceCore]
            """);

        Assert.Equal(3, fleet.Count);
        Assert.Equal("ami-0123456789abcdef0", fleet.Ami);
        Assert.Equal(2, fleet.MetadataHopLimit);
        Assert.True(fleet.InstanceMetadataTags);
        Assert.True(fleet.CarrierIp);
        Assert.Equal(40, fleet.RootVolumeSizeGiB);
        Assert.Equal("/dev/sda1", fleet.RootDeviceName);
        Assert.Equal(new SecurityGroupRule(Config.Network.Ipv4Cidr.Parse("203.0.113.0/24")!.Value, "udp", 5000, 5010, "RTP from devices"), fleet.Ingress[0]);
        Assert.Equal(("icmp", -1, -1), (fleet.Ingress[1].Protocol, fleet.Ingress[1].FromPort, fleet.Ingress[1].ToPort));
        Assert.Empty(fleet.Egress);
        Assert.Equal("WriteFrames", Assert.Single(fleet.Access.Permissions).Sid);
        Assert.Equal("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", Assert.Single(fleet.Access.ManagedPolicyArns));
    }

    [Fact]
    public void EdgeFleetInstanceTypesMustBeOfferedInWavelengthZones()
    {
        var error = StackFiles.SingleError(Fleet(type: "m5.large"));

        Assert.Equal("edgeFleets[0].instanceType", error.KeyPath);
        Assert.Equal("m5.large is not offered in Wavelength Zones", error.Message);
        Assert.Contains("t3.medium, t3.xlarge, r5.2xlarge, g4dn.2xlarge", error.Fix, StringComparison.Ordinal);
        Assert.Contains("allowUnlistedInstanceType: true", error.Fix, StringComparison.Ordinal);
        Assert.True(error.Line > 0);
    }

    [Theory]
    [InlineData("t3.medium")]
    [InlineData("t3.xlarge")]
    [InlineData("r5.2xlarge")]
    [InlineData("g4dn.2xlarge")]
    public void Every_listed_Wavelength_instance_type_is_accepted(string type) =>
        Assert.Equal(type, Assert.Single(StackFiles.Valid(Fleet(type: type)).EdgeFleets).InstanceType);

    [Fact]
    public void UnlistedInstanceTypesNeedTheOverrideFlagAndStillWarn()
    {
        var result = StackFiles.Load(Fleet("allowUnlistedInstanceType: true", type: "c5.2xlarge"));

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("edgeFleets[0].instanceType", warning.KeyPath);
        Assert.Contains("c5.2xlarge is not in EdgeIam's list", warning.Message, StringComparison.Ordinal);
        Assert.Equal("c5.2xlarge", Assert.Single(Assert.Single(result.Stacks).EdgeFleets).InstanceType);
    }

    [Fact]
    public void TheOverrideFlagStillNeedsAWellFormedInstanceType()
    {
        var error = StackFiles.SingleError(Fleet("allowUnlistedInstanceType: true", type: "huge"));

        Assert.Equal("edgeFleets[0].instanceType", error.KeyPath);
        Assert.Equal("'huge' is not an EC2 instance type", error.Message);
    }

    [Fact]
    public void EdgeFleetZoneMustBeOneTheStackDeclares()
    {
        var error = StackFiles.SingleError(Fleet(zone: "us-east-1-wl1-nyc-wlz-1"));

        Assert.Equal("edgeFleets[0].zone", error.KeyPath);
        Assert.Equal("us-east-1-wl1-nyc-wlz-1 is not one of the stack's network.wavelengthZones (us-east-1-wl1-bos-wlz-1)", error.Message);
    }

    [Fact]
    public void EdgeFleetZoneMustBeInTheStackRegion()
    {
        var error = StackFiles.SingleError(Fleet(zone: "eu-west-2-wl1-lon-wlz-1"));

        Assert.Equal("edgeFleets[0].zone", error.KeyPath);
        Assert.Equal("eu-west-2-wl1-lon-wlz-1 belongs to region eu-west-2, but the stack deploys to us-east-1", error.Message);
    }

    [Fact]
    public void EdgeFleetsNeedANetwork()
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + """
            edgeFleets:
              - name: video-analytics
                zone: us-east-1-wl1-bos-wlz-1
                instanceType: t3.medium
            """);

        Assert.Equal("edgeFleets[0].zone", error.KeyPath);
        Assert.Contains("the stack declares no network", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_subnet_does_not_also_fail_the_fleets_in_its_zone()
    {
        var yaml = Fleet().Replace("subnetCidr: 10.20.10.0/24", "subnetCidr: 192.168.0.0/24", StringComparison.Ordinal);

        var error = StackFiles.SingleError(yaml);

        Assert.Equal("network.wavelengthZones[0].subnetCidr", error.KeyPath);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    public void MetadataHopLimitAboveTwoIsRefused(int hops)
    {
        var error = StackFiles.SingleError(Fleet($"metadataHopLimit: {hops}"));

        Assert.Equal("edgeFleets[0].metadataHopLimit", error.KeyPath);
        Assert.Contains("would let IMDSv2 tokens travel beyond the instance and its containers", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 when containers", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("one")]
    public void MetadataHopLimitMustBeAWholeNumberEc2Accepts(string hops)
    {
        var error = StackFiles.SingleError(Fleet($"metadataHopLimit: {hops}"));

        Assert.Equal("edgeFleets[0].metadataHopLimit", error.KeyPath);
    }

    [Fact]
    public void MetadataHopLimitTwoIsAllowedForContainers() => Assert.Equal(2, ValidFleet("metadataHopLimit: 2").MetadataHopLimit);

    [Fact]
    public void InstanceMetadataTagsNeedTagKeysThatMetadataCanCarry()
    {
        var yaml = Fleet("instanceMetadataTags: true").Replace("region: us-east-1\n", "region: us-east-1\ntags:\n  Cost Center: edge\n", StringComparison.Ordinal);

        var error = StackFiles.SingleError(yaml);

        Assert.Equal("edgeFleets[0].instanceMetadataTags", error.KeyPath);
        Assert.Contains("'Cost Center' cannot be exposed in instance metadata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EdgeFleetNamesMustBeUnique()
    {
        var yaml = Fleet() + """
              - name: video-analytics
                zone: us-east-1-wl1-bos-wlz-1
                instanceType: t3.xlarge
            """;

        var error = StackFiles.SingleError(yaml);

        Assert.Equal("edgeFleets[1].name", error.KeyPath);
        Assert.Equal("fleet 'video-analytics' is already declared at edgeFleets[0]", error.Message);
    }

    [Theory]
    [InlineData("Video_Analytics")]
    [InlineData("-video")]
    [InlineData("video-")]
    [InlineData("a-name-that-is-much-too-long-for-an-edge-fleet")]
    public void EdgeFleetNamesMustBeWellFormed(string name)
    {
        var error = StackFiles.SingleError(Fleet().Replace("name: video-analytics", "name: " + name, StringComparison.Ordinal));

        Assert.Equal("edgeFleets[0].name", error.KeyPath);
        Assert.Contains("is not a fleet name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("21")]
    public void FleetCountMustBeFromOneToTwenty(string count)
    {
        var error = StackFiles.SingleError(Fleet($"count: {count}"));

        Assert.Equal("edgeFleets[0].count", error.KeyPath);
        Assert.Equal($"{count} is out of range 1..20", error.Message);
    }

    [Theory]
    [InlineData("ami-0123456789abcdef0")]
    [InlineData("ami-01234567")]
    [InlineData("resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id")]
    [InlineData("resolve:ssm:golden-ami:3")]
    public void AmisAreImageIdsOrSsmReferences(string ami) => Assert.Equal(ami, ValidFleet($"ami: {ami}").Ami);

    [Theory]
    [InlineData("ami-xyz")]
    [InlineData("{{resolve:ssm:/aws/service/ami}}")]
    [InlineData("ubuntu")]
    public void AmiMustBeAnImageIdOrSsmReference(string ami)
    {
        var error = StackFiles.SingleError(Fleet($"ami: \"{ami}\""));

        Assert.Equal("edgeFleets[0].ami", error.KeyPath);
        Assert.Equal($"'{ami}' is not an AMI ID or resolve:ssm: parameter reference", error.Message);
    }

    [Theory]
    [InlineData("rootVolumeSize: 7", "edgeFleets[0].rootVolumeSize")]
    [InlineData("rootVolumeSize: 16385", "edgeFleets[0].rootVolumeSize")]
    [InlineData("rootDeviceName: xvda", "edgeFleets[0].rootDeviceName")]
    public void RootVolumeMustBeASizeAndDeviceEc2Accepts(string keys, string path) =>
        Assert.Equal(path, StackFiles.SingleError(Fleet(keys)).KeyPath);

    [Theory]
    [InlineData("22")]
    [InlineData("3389")]
    [InlineData("20-25")]
    [InlineData("1-65535")]
    public void AdminPortsMustNotBeOpenToTheInternet(string ports)
    {
        var error = StackFiles.SingleError(Fleet($"""
            ingress:
              - cidr: 0.0.0.0/0
                ports: {ports}
            """));

        Assert.Equal("edgeFleets[0].ingress[0].ports", error.KeyPath);
        Assert.Contains("which is most of the internet", error.Message, StringComparison.Ordinal);
        Assert.Contains("Session Manager", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AdminPortsFromAWideButNotWorldBlockAreStillRefused() =>
        Assert.Equal("edgeFleets[0].ingress[0].ports", StackFiles.SingleError(Fleet("""
            ingress:
              - cidr: 0.0.0.0/1
                ports: 22
            """)).KeyPath);

    [Fact]
    public void AdminPortsFromAnOperatorNetworkAreAllowed() =>
        Assert.Equal(22, Assert.Single(ValidFleet("""
            ingress:
              - cidr: 198.51.100.0/24
                ports: 22
            """).Ingress).FromPort);

    [Theory]
    [InlineData("cidr: 0.0.0.0", "edgeFleets[0].ingress[0].cidr")]
    [InlineData("cidr: 2001:db8::/32", "edgeFleets[0].ingress[0].cidr")]
    [InlineData("cidr: 203.0.113.9/24", "edgeFleets[0].ingress[0].cidr")]
    [InlineData("ports: 0", "edgeFleets[0].ingress[0].ports")]
    [InlineData("ports: 70000", "edgeFleets[0].ingress[0].ports")]
    [InlineData("ports: 9000-8000", "edgeFleets[0].ingress[0].ports")]
    [InlineData("ports: https", "edgeFleets[0].ingress[0].ports")]
    [InlineData("protocol: all", "edgeFleets[0].ingress[0].protocol")]
    [InlineData("description: \"caf\u00e9 <script>\"", "edgeFleets[0].ingress[0].description")]
    public void SecurityGroupRulesMustBeValid(string change, string path)
    {
        var key = change[..change.IndexOf(':', StringComparison.Ordinal)];
        var rule = new Dictionary<string, string> { ["cidr"] = "cidr: 203.0.113.0/24", ["ports"] = "ports: 443" };
        rule[key] = change;
        var error = StackFiles.SingleError(Fleet("ingress:\n  - " + string.Join("\n    ", rule.Values)));

        Assert.Equal(path, error.KeyPath);
    }

    [Fact]
    public void TcpAndUdpRulesNeedPorts() =>
        Assert.Equal("edgeFleets[0].egress[0].ports", StackFiles.SingleError(Fleet("""
            egress:
              - cidr: 10.20.0.0/16
                protocol: udp
            """)).KeyPath);

    [Fact]
    public void IcmpRulesHaveNoPorts()
    {
        var error = StackFiles.SingleError(Fleet("""
            ingress:
              - cidr: 10.20.0.0/16
                protocol: icmp
                ports: 8
            """));

        Assert.Equal("edgeFleets[0].ingress[0].ports", error.KeyPath);
        Assert.Equal("ICMP has no ports", error.Message);
    }

    [Fact]
    public void EdgeFleetWildcardWritePermissionsNeedAJustification()
    {
        var error = StackFiles.SingleError(Fleet("""
            permissions:
              - sid: WriteAnything
                actions: [s3:PutObject]
                resources: ["*"]
            """));

        Assert.Equal("edgeFleets[0].permissions[0].actions", error.KeyPath);
        Assert.Contains("justification", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void JustifiedWildcardPermissionsAreKeptWithTheirJustification()
    {
        var statement = Assert.Single(ValidFleet("""
            permissions:
              - sid: PublishMetrics
                actions: [cloudwatch:PutMetricData]
                resources: ["*"]
                justification: PutMetricData has no resource-level permissions.
            """).Access.Permissions);

        Assert.Equal("PutMetricData has no resource-level permissions.", statement.Justification);
    }

    [Fact]
    public void UnknownFleetKeysAreReportedWithASuggestion()
    {
        var error = StackFiles.SingleError(Fleet("carierIp: true"));

        Assert.Equal("edgeFleets[0].carierIp", error.KeyPath);
        Assert.Contains("did you mean `carrierIp`?", error.Fix, StringComparison.Ordinal);
    }
}
