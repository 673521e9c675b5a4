using EdgeIam.Config.Naming;
using EdgeIam.Config.Placement;
using EdgeIam.Config.Stack;
using EdgeIam.Infrastructure.Network;

namespace EdgeIam.Infrastructure.Compute;

/// <summary>Composes the <c>network</c> and <c>edgeFleets</c> sections: fleets launch into the network's subnets.</summary>
internal static class EdgeCompute
{
    /// <summary>Adds the Wavelength network and its fleets; a stack without <c>network</c> gets neither.</summary>
    public static void AddTo(EdgeIamStack stack, StackConfig config)
    {
        if (config.Network is not { } network)
        {
            // The loader refuses fleets without a network; a caller that bypasses it must not lose them silently.
            if (config.EdgeFleets.Count > 0)
            {
                throw new ArgumentException("edge fleets need a network to launch into", nameof(config));
            }

            return;
        }

        var wavelength = new WavelengthNetwork(stack, "Network", new WavelengthNetworkProps(network));
        foreach (var fleet in config.EdgeFleets)
        {
            _ = new EdgeFleet(stack.Shards.ScopeFor(stack, PlacementItems.Key(PlacementItems.Fleets, fleet.Name)), ConstructIds.Fleet(fleet.Name), new EdgeFleetProps(fleet, wavelength));
            if (fleet.ContainerRoles.Count > 0)
            {
                // In the top-level template (PlacementItems.Fixed counts them): not yet movable to a shard.
                _ = new Identity.ContainerRoles(stack, "Containers" + ConstructIds.Pascal(fleet.Name), new Identity.ContainerRolesProps(fleet));
            }
        }
    }
}
