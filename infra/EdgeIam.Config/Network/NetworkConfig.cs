namespace EdgeIam.Config.Network;

/// <summary>
/// The stack's VPC and its Wavelength subnets (<c>network</c>). Absent from the stack file: no network is created.
/// </summary>
/// <param name="VpcCidr">The VPC's IPv4 block; every subnet lies inside it.</param>
/// <param name="ExistingVpcId">An existing VPC to extend; null creates a new VPC with <paramref name="VpcCidr"/>.</param>
/// <param name="ExistingCarrierGatewayId">The existing VPC's carrier gateway, when it has one; null creates one.</param>
/// <param name="WavelengthZones">One subnet per zone, in file order.</param>
public sealed record NetworkConfig(
    Ipv4Cidr VpcCidr,
    string? ExistingVpcId,
    string? ExistingCarrierGatewayId,
    IReadOnlyList<WavelengthZoneConfig> WavelengthZones)
{
    public WavelengthZoneConfig? Zone(string name) => WavelengthZones.FirstOrDefault(z => z.Zone == name);
}

/// <summary>A Wavelength subnet: its zone and its IPv4 block.</summary>
public sealed record WavelengthZoneConfig(string Zone, Ipv4Cidr SubnetCidr);
