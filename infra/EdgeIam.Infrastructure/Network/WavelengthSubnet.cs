using Amazon.CDK.AWS.EC2;
using Constructs;

namespace EdgeIam.Infrastructure.Network;

/// <summary>
/// A subnet in one Wavelength Zone with its own route table, whose only default route (<c>0.0.0.0/0</c>) goes to the
/// carrier gateway: no internet or NAT gateway route exists, so traffic leaves only through the carrier network.
/// https://docs.aws.amazon.com/vpc/latest/userguide/subnet-wavelength.html
/// </summary>
internal sealed class WavelengthSubnet : Construct
{
    public WavelengthSubnet(Construct scope, string id, WavelengthSubnetProps props)
        : base(scope, id)
    {
        Zone = props.Zone.Zone;
        Subnet = new CfnSubnet(this, "Subnet", new CfnSubnetProps
        {
            VpcId = props.VpcId,
            AvailabilityZone = props.Zone.Zone,
            CidrBlock = props.Zone.SubnetCidr.ToString(),
            // Carrier IPs are associated per network interface (launch template), never by the subnet.
            MapPublicIpOnLaunch = false,
        });
        var routeTable = new CfnRouteTable(this, "RouteTable", new CfnRouteTableProps { VpcId = props.VpcId });
        _ = new CfnSubnetRouteTableAssociation(this, "RouteTableAssociation", new CfnSubnetRouteTableAssociationProps
        {
            SubnetId = Subnet.Ref,
            RouteTableId = routeTable.Ref,
        });
        _ = new CfnRoute(this, "DefaultRoute", new CfnRouteProps
        {
            RouteTableId = routeTable.Ref,
            DestinationCidrBlock = "0.0.0.0/0",
            CarrierGatewayId = props.CarrierGatewayId,
        });
    }

    /// <summary>The Wavelength Zone name.</summary>
    public string Zone { get; }

    public CfnSubnet Subnet { get; }

    public string SubnetId => Subnet.Ref;
}
