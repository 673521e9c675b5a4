using EdgeIam.Config.Network;

namespace EdgeIam.Infrastructure.Network;

/// <summary>Properties of a <see cref="WavelengthSubnet"/>. Immutable.</summary>
/// <param name="VpcId">The VPC the subnet belongs to (a reference or an existing VPC's ID).</param>
/// <param name="CarrierGatewayId">The VPC's carrier gateway: the subnet's only default route.</param>
/// <param name="Zone">The Wavelength Zone and the subnet's IPv4 block.</param>
internal sealed record WavelengthSubnetProps(string VpcId, string CarrierGatewayId, WavelengthZoneConfig Zone);
