using EdgeIam.Config.Network;

namespace EdgeIam.Infrastructure.Network;

/// <summary>Properties of a <see cref="WavelengthNetwork"/>. Immutable.</summary>
/// <param name="Network">
/// The validated <c>network</c> section. With <see cref="NetworkConfig.ExistingVpcId"/> the VPC is used as is (no
/// lookup: synth stays offline); otherwise a new VPC is created. Default carrier gateway: a new one.
/// </param>
internal sealed record WavelengthNetworkProps(NetworkConfig Network);
