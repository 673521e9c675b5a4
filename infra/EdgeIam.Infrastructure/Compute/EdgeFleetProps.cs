using EdgeIam.Config.Compute;
using EdgeIam.Infrastructure.Network;

namespace EdgeIam.Infrastructure.Compute;

/// <summary>Properties of an <see cref="EdgeFleet"/>. Immutable.</summary>
/// <param name="Fleet">The validated fleet.</param>
/// <param name="Network">The stack's Wavelength network; it must have a subnet in the fleet's zone.</param>
internal sealed record EdgeFleetProps(EdgeFleetConfig Fleet, WavelengthNetwork Network);
