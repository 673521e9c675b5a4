using System.Text.Json.Nodes;
using EdgeIam.Infrastructure.Tests.Support;

namespace EdgeIam.Infrastructure.Tests.Network;

[Collection(SynthesizedStacksCollection.Name)]
public sealed class WavelengthNetworkTests(SynthesizedStacks stacks)
{
    private IReadOnlyList<KeyValuePair<string, JsonObject>> Dev(string type) => SynthesizedStacks.ResourcesOf(stacks.DevJson, type);

    private static JsonNode? Props(KeyValuePair<string, JsonObject> resource, string name) => resource.Value["Properties"]![name];

    private static string? RefOf(JsonNode? node) => (string?)node?["Ref"];

    [Fact]
    public void A_new_VPC_gets_the_configured_block_and_Amazon_DNS()
    {
        var vpc = Assert.Single(Dev("AWS::EC2::VPC"));

        Assert.Equal("10.20.0.0/16", (string?)Props(vpc, "CidrBlock"));
        Assert.True((bool)Props(vpc, "EnableDnsSupport")!);
        Assert.True((bool)Props(vpc, "EnableDnsHostnames")!);
    }

    [Fact]
    public void Every_declared_zone_gets_a_subnet_with_its_block_and_no_public_IPs()
    {
        var subnets = Dev("AWS::EC2::Subnet")
            .ToDictionary(s => (string)Props(s, "AvailabilityZone")!, s => s);
        var vpcId = Assert.Single(Dev("AWS::EC2::VPC")).Key;

        Assert.Equal(stacks.DevConfig.Network!.WavelengthZones.Count, subnets.Count);
        foreach (var zone in stacks.DevConfig.Network.WavelengthZones)
        {
            var subnet = subnets[zone.Zone];
            Assert.Equal(zone.SubnetCidr.ToString(), (string?)Props(subnet, "CidrBlock"));
            Assert.Equal(vpcId, RefOf(Props(subnet, "VpcId")));
            Assert.False((bool)Props(subnet, "MapPublicIpOnLaunch")!);
        }
    }

    [Fact]
    public void OneCarrierGatewayServesTheWholeVpc()
    {
        var gateway = Assert.Single(Dev("AWS::EC2::CarrierGateway"));

        Assert.Equal(Assert.Single(Dev("AWS::EC2::VPC")).Key, RefOf(Props(gateway, "VpcId")));
    }

    [Fact]
    public void WavelengthSubnetsRouteDefaultTrafficOnlyToTheCarrierGateway()
    {
        var gateway = Assert.Single(Dev("AWS::EC2::CarrierGateway")).Key;
        var routes = Dev("AWS::EC2::Route");
        foreach (var subnet in Dev("AWS::EC2::Subnet"))
        {
            // Each subnet has its own route table, and that table has exactly one route: 0.0.0.0/0 → carrier gateway.
            var association = Assert.Single(Dev("AWS::EC2::SubnetRouteTableAssociation"), a => RefOf(Props(a, "SubnetId")) == subnet.Key);
            var table = RefOf(Props(association, "RouteTableId"));
            var route = Assert.Single(routes, r => RefOf(Props(r, "RouteTableId")) == table);
            Assert.Equal("0.0.0.0/0", (string?)Props(route, "DestinationCidrBlock"));
            Assert.Equal(gateway, RefOf(Props(route, "CarrierGatewayId")));
            Assert.Null(Props(route, "GatewayId"));
            Assert.Null(Props(route, "NatGatewayId"));
        }
    }

    [Theory]
    [InlineData("AWS::EC2::InternetGateway")]
    [InlineData("AWS::EC2::VPCGatewayAttachment")]
    [InlineData("AWS::EC2::NatGateway")]
    [InlineData("AWS::EC2::EIP")]
    public void NoInternetOrNatGatewayExists(string type)
    {
        Assert.Empty(Dev(type));
        Assert.Empty(SynthesizedStacks.ResourcesOf(stacks.ProdJson, type));
    }

    [Fact]
    public void Network_outputs_name_the_VPC_the_subnets_and_the_carrier_gateway()
    {
        var outputs = stacks.DevJson["Outputs"]!.AsObject();
        var values = outputs.Select(o => RefOf(o.Value!["Value"])).ToHashSet();

        Assert.Contains(Assert.Single(Dev("AWS::EC2::VPC")).Key, values);
        Assert.Contains(Assert.Single(Dev("AWS::EC2::CarrierGateway")).Key, values);
        Assert.All(Dev("AWS::EC2::Subnet"), s => Assert.Contains(s.Key, values));
    }

    [Fact]
    public void Prod_runs_in_one_Wavelength_Zone()
    {
        var subnet = Assert.Single(SynthesizedStacks.ResourcesOf(stacks.ProdJson, "AWS::EC2::Subnet"));

        Assert.Equal("us-east-1-wl1-bos-wlz-1", (string?)Props(subnet, "AvailabilityZone"));
        Assert.Single(SynthesizedStacks.ResourcesOf(stacks.ProdJson, "AWS::EC2::CarrierGateway"));
    }

    [Fact]
    public void AnExistingVpcAndCarrierGatewayAreUsedByIdWithoutLookupOrNewGateways()
    {
        var template = AdHocStack.Synthesize("""
            account: "111111111111"
            region: us-east-1
            network:
              vpcCidr: 10.40.0.0/16
              vpcId: vpc-0123456789abcdef0
              carrierGatewayId: cagw-0123456789abcdef0
              wavelengthZones:
                - zone: us-east-1-wl1-bos-wlz-1
                  subnetCidr: 10.40.10.0/24
            """);

        template.ResourceCountIs("AWS::EC2::VPC", 0);
        template.ResourceCountIs("AWS::EC2::CarrierGateway", 0);
        template.HasResourceProperties("AWS::EC2::Subnet", new Dictionary<string, object>
        {
            ["VpcId"] = "vpc-0123456789abcdef0",
            ["CidrBlock"] = "10.40.10.0/24",
        });
        template.HasResourceProperties("AWS::EC2::Route", new Dictionary<string, object>
        {
            ["DestinationCidrBlock"] = "0.0.0.0/0",
            ["CarrierGatewayId"] = "cagw-0123456789abcdef0",
        });
        template.HasOutput("*", new Dictionary<string, object> { ["Value"] = "vpc-0123456789abcdef0" });
    }

    [Fact]
    public void AnExistingVpcWithoutCarrierGatewayGetsANewOne()
    {
        var template = AdHocStack.Synthesize("""
            account: "111111111111"
            region: us-east-1
            network:
              vpcCidr: 10.40.0.0/16
              vpcId: vpc-0123456789abcdef0
              wavelengthZones:
                - zone: us-east-1-wl1-bos-wlz-1
                  subnetCidr: 10.40.10.0/24
            """);

        template.ResourceCountIs("AWS::EC2::VPC", 0);
        template.HasResourceProperties("AWS::EC2::CarrierGateway", new Dictionary<string, object> { ["VpcId"] = "vpc-0123456789abcdef0" });
    }
}
