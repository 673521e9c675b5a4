using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Constructs;
using EdgeIam.Config.Naming;
using EdgeIam.Config.Network;

namespace EdgeIam.Infrastructure.Network;

/// <summary>
/// The stack's Wavelength network: a VPC (new, or an existing one by ID), one carrier gateway for it, and a
/// <see cref="WavelengthSubnet"/> per Wavelength Zone. L1 resources on purpose: <c>ec2.Vpc</c> would add public and
/// private subnets, an internet gateway and NAT gateways that a Wavelength-only network must not have.
/// Instances in two Wavelength Zones of one VPC cannot reach each other
/// (https://docs.aws.amazon.com/wavelength/latest/developerguide/wavelength-quotas.html#multiple-wavelength-zones).
/// </summary>
internal sealed class WavelengthNetwork : Construct
{
    private readonly Dictionary<string, WavelengthSubnet> _subnets = new(StringComparer.Ordinal);

    public WavelengthNetwork(Construct scope, string id, WavelengthNetworkProps props)
        : base(scope, id)
    {
        var network = props.Network;
        if (network.WavelengthZones.Count == 0)
        {
            throw new ArgumentException("a Wavelength network needs at least one zone", nameof(props));
        }

        VpcId = network.ExistingVpcId ?? new CfnVPC(this, "Vpc", new CfnVPCProps
        {
            CidrBlock = network.VpcCidr.ToString(),
            EnableDnsSupport = true,
            EnableDnsHostnames = true,
        }).Ref;

        // One carrier gateway per VPC; creating it needs the VPC's Wavelength zone group to be opted in.
        // https://docs.aws.amazon.com/wavelength/latest/developerguide/how-wavelengths-work.html#wavelength-carrier-gateway
        CarrierGatewayId = network.ExistingCarrierGatewayId
            ?? new CfnCarrierGateway(this, "CarrierGateway", new CfnCarrierGatewayProps { VpcId = VpcId }).Ref;

        foreach (var zone in network.WavelengthZones)
        {
            var subnet = new WavelengthSubnet(this, ConstructIds.Subnet(zone.Zone),
                new WavelengthSubnetProps(VpcId, CarrierGatewayId, zone));
            _subnets.Add(zone.Zone, subnet);
            _ = new CfnOutput(subnet, "SubnetId", new CfnOutputProps
            {
                Value = subnet.SubnetId,
                Description = $"Wavelength subnet in {zone.Zone} ({zone.SubnetCidr})",
            });
        }

        _ = new CfnOutput(this, "VpcId", new CfnOutputProps { Value = VpcId, Description = "VPC of the Wavelength subnets" });
        _ = new CfnOutput(this, "CarrierGatewayId", new CfnOutputProps
        {
            Value = CarrierGatewayId,
            Description = "Carrier gateway: the Wavelength subnets' only route out",
        });
    }

    public string VpcId { get; }

    public string CarrierGatewayId { get; }

    public IReadOnlyCollection<WavelengthSubnet> Subnets => _subnets.Values;

    /// <summary>The subnet of <paramref name="zone"/>; the loader guarantees every fleet's zone is declared.</summary>
    public WavelengthSubnet SubnetIn(string zone) =>
        _subnets.TryGetValue(zone, out var subnet)
            ? subnet
            : throw new ArgumentException($"the network has no subnet in {zone} (declared: {string.Join(", ", _subnets.Keys)})", nameof(zone));
}
