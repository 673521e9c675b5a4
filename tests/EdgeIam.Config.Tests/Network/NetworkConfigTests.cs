using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Network;

/// <summary>The <c>network</c> section: one failing input per rule, named as the rule.</summary>
public sealed class NetworkConfigTests
{
    private static string Network(string zones, string vpc = "vpcCidr: 10.20.0.0/16") => StackFiles.Minimal + $"""
        network:
          {vpc}
          wavelengthZones:
        {zones}
        """;

    private const string Boston = """
            - zone: us-east-1-wl1-bos-wlz-1
              subnetCidr: 10.20.10.0/24
        """;

    [Fact]
    public void A_valid_network_is_parsed_into_zones_in_file_order()
    {
        var stack = StackFiles.Valid(Network(Boston + """

                - zone: us-east-1-wl1-nyc-wlz-1
                  subnetCidr: 10.20.11.0/28
            """));

        var network = Assert.IsType<Config.Network.NetworkConfig>(stack.Network);
        Assert.Equal("10.20.0.0/16", network.VpcCidr.ToString());
        Assert.Null(network.ExistingVpcId);
        Assert.Equal(["us-east-1-wl1-bos-wlz-1", "us-east-1-wl1-nyc-wlz-1"], network.WavelengthZones.Select(z => z.Zone));
        Assert.Equal("10.20.11.0/28", network.WavelengthZones[1].SubnetCidr.ToString());
    }

    [Fact]
    public void An_absent_network_creates_nothing() => Assert.Null(StackFiles.Valid(StackFiles.Minimal).Network);

    [Fact]
    public void AnExistingVpcIsUsedByIdWithItsCarrierGateway()
    {
        var stack = StackFiles.Valid(Network(Boston, """
            vpcCidr: 10.20.0.0/16
              vpcId: vpc-0123456789abcdef0
              carrierGatewayId: cagw-0123456789abcdef0
            """));

        Assert.Equal("vpc-0123456789abcdef0", stack.Network!.ExistingVpcId);
        Assert.Equal("cagw-0123456789abcdef0", stack.Network.ExistingCarrierGatewayId);
    }

    [Fact]
    public void WavelengthZoneNamesMustBeWellFormed()
    {
        var error = StackFiles.SingleError(Network("""
                - zone: us-east-1a
                  subnetCidr: 10.20.10.0/24
            """));

        Assert.Equal("network.wavelengthZones[0].zone", error.KeyPath);
        Assert.Contains("'us-east-1a' is not a Wavelength Zone name", error.Message, StringComparison.Ordinal);
        Assert.Contains("describe-availability-zones", error.Fix, StringComparison.Ordinal);
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void WavelengthZonesMustBeInTheStackRegion()
    {
        var error = StackFiles.SingleError(Network("""
                - zone: eu-west-2-wl1-lon-wlz-1
                  subnetCidr: 10.20.10.0/24
            """));

        Assert.Equal("network.wavelengthZones[0].zone", error.KeyPath);
        Assert.Equal("eu-west-2-wl1-lon-wlz-1 belongs to region eu-west-2, but the stack deploys to us-east-1", error.Message);
        Assert.Contains("us-east-1-wl1-", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownWellFormedWavelengthZonesAreOnlyAWarning()
    {
        var result = StackFiles.Load(Network("""
                - zone: us-east-1-wl1-bso-wlz-1
                  subnetCidr: 10.20.10.0/24
            """));

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("network.wavelengthZones[0].zone", warning.KeyPath);
        Assert.Contains("not in EdgeIam's list", warning.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean us-east-1-wl1-bos-wlz-1?", warning.Fix, StringComparison.Ordinal);
        Assert.Single(result.Stacks);
    }

    [Fact]
    public void EachWavelengthZoneIsDeclaredOnce()
    {
        var error = StackFiles.SingleError(Network(Boston + """

                - zone: us-east-1-wl1-bos-wlz-1
                  subnetCidr: 10.20.11.0/24
            """));

        Assert.Equal("network.wavelengthZones[1].zone", error.KeyPath);
        Assert.Equal("us-east-1-wl1-bos-wlz-1 is already declared at network.wavelengthZones[0]", error.Message);
    }

    [Fact]
    public void ANetworkDeclaresAtLeastOneWavelengthZone()
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + """
            network:
              vpcCidr: 10.20.0.0/16
              wavelengthZones: []
            """);

        Assert.Equal("network.wavelengthZones", error.KeyPath);
        Assert.Equal("lists no zone", error.Message);
    }

    [Fact]
    public void ANetworkNeedsAVpcCidr()
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + """
            network:
              wavelengthZones:
                - zone: us-east-1-wl1-bos-wlz-1
                  subnetCidr: 10.20.10.0/24
            """);

        Assert.Equal("network.vpcCidr", error.KeyPath);
        Assert.Equal("is required but missing", error.Message);
    }

    [Theory]
    [InlineData("10.20.10.0", "'10.20.10.0' is not an IPv4 CIDR block")]
    [InlineData("10.20.10.300/24", "'10.20.10.300/24' is not an IPv4 CIDR block")]
    [InlineData("10.20.10.7/24", "10.20.10.7/24 has host bits set")]
    public void SubnetCidrsMustBeValidBlocks(string cidr, string message)
    {
        var error = StackFiles.SingleError(Network($"""
                - zone: us-east-1-wl1-bos-wlz-1
                  subnetCidr: {cidr}
            """));

        Assert.Equal("network.wavelengthZones[0].subnetCidr", error.KeyPath);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void SubnetCidrsMustLieInsideTheVpc()
    {
        var error = StackFiles.SingleError(Network("""
                - zone: us-east-1-wl1-bos-wlz-1
                  subnetCidr: 192.168.0.0/24
            """));

        Assert.Equal("network.wavelengthZones[0].subnetCidr", error.KeyPath);
        Assert.Equal("192.168.0.0/24 is not inside the VPC's 10.20.0.0/16", error.Message);
        Assert.Contains("10.20.0.0/24", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void SubnetCidrsMustNotOverlap()
    {
        var error = StackFiles.SingleError(Network(Boston + """

                - zone: us-east-1-wl1-nyc-wlz-1
                  subnetCidr: 10.20.10.128/25
            """));

        Assert.Equal("network.wavelengthZones[1].subnetCidr", error.KeyPath);
        Assert.Equal("10.20.10.128/25 overlaps 10.20.10.0/24 of network.wavelengthZones[0]", error.Message);
    }

    [Theory]
    [InlineData("10.20.0.0/15", "a /15 block is a size AWS refuses for a subnet")]
    [InlineData("10.20.10.0/29", "a /29 block is a size AWS refuses for a subnet")]
    public void SubnetSizesMustBeBetweenSlash16AndSlash28(string cidr, string message)
    {
        var error = StackFiles.SingleError(Network($"""
                - zone: us-east-1-wl1-bos-wlz-1
                  subnetCidr: {cidr}
            """, vpc: "vpcCidr: 10.20.0.0/16"));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("10.20.0.0/16")]
    [InlineData("10.20.10.0/28")]
    public void SubnetSizesAtTheLimitsPass(string cidr) =>
        StackFiles.Valid(Network($"""
                - zone: us-east-1-wl1-bos-wlz-1
                  subnetCidr: {cidr}
            """));

    [Theory]
    [InlineData("vpcCidr: 10.0.0.0/8", "network.vpcCidr", "a /8 block is a size AWS refuses for the VPC")]
    [InlineData("vpcCidr: 10.20.0.1/16", "network.vpcCidr", "10.20.0.1/16 has host bits set")]
    public void VpcCidrMustBeAValidBlockAwsAccepts(string vpc, string path, string message)
    {
        var error = StackFiles.SingleError(Network("""
                - zone: us-east-1-wl1-bos-wlz-1
                  subnetCidr: 10.20.10.0/24
            """, vpc));

        Assert.Equal(path, error.KeyPath);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ExistingVpcIdMustBeWellFormed()
    {
        var error = StackFiles.SingleError(Network(Boston, "vpcCidr: 10.20.0.0/16\n  vpcId: my-vpc"));

        Assert.Equal("network.vpcId", error.KeyPath);
        Assert.Equal("'my-vpc' is not a VPC ID", error.Message);
    }

    [Fact]
    public void CarrierGatewayIdNeedsAnExistingVpc()
    {
        var error = StackFiles.SingleError(Network(Boston, "vpcCidr: 10.20.0.0/16\n  carrierGatewayId: cagw-0123456789abcdef0"));

        Assert.Equal("network.carrierGatewayId", error.KeyPath);
        Assert.Equal("a carrier gateway can only be reused in an existing VPC (vpcId)", error.Message);
    }

    [Fact]
    public void UnknownNetworkKeysAreReportedWithASuggestion()
    {
        var error = StackFiles.SingleError(Network(Boston, "vpcCidr: 10.20.0.0/16\n  vpcCdir: 10.0.0.0/16"));

        Assert.Equal("network.vpcCdir", error.KeyPath);
        Assert.Contains("did you mean `vpcCidr`?", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AllNetworkErrorsAreReportedTogether()
    {
        var result = StackFiles.Load(Network("""
                - zone: us-east-1a
                  subnetCidr: 192.168.0.0/24
                - zone: eu-west-2-wl1-lon-wlz-1
                  subnetCidr: nonsense
            """));

        Assert.Equal(4, result.Diagnostics.Count(d => d.IsError));
    }
}
