using EdgeIam.Config.Reading;
using EdgeIam.Config.Stack;

namespace EdgeIam.Config.Naming;

/// <summary>
/// The construct IDs a stack derives from names, scope by scope, checked for collisions before synth (the Roles
/// Anywhere scope is checked by its own parser, which knows every declared name even when an entry is invalid).
/// </summary>
internal static class StackConstructIds
{
    public static void Check(MappingReader root, StackConfig stack)
    {
        var context = root.Context;
        ConstructIdCollisions.Report(context, "the stack", stack.EdgeFleets.Select(f =>
            Named(root, f.KeyPath + ".name", ConstructIds.Fleet(f.Name), $"fleet '{f.Name}'")));

        if (stack.Network is { } network)
        {
            ConstructIdCollisions.Report(context, "Network", network.WavelengthZones.Select(z =>
                Item(root, "network.wavelengthZones", "zone", z.Zone, ConstructIds.Subnet(z.Zone), $"the subnet in {z.Zone}")));
        }

        if (stack.Oidc is { } oidc)
        {
            ConstructIdCollisions.Report(context, "Oidc/Providers", oidc.Providers.Select(p =>
                Item(root, "oidc.providers", "name", p.Name, ConstructIds.OidcProvider(p.Name), $"OIDC provider '{p.Name}'")));
            ConstructIdCollisions.Report(context, "Oidc/Roles", oidc.Roles.Select(r =>
                Named(root, r.KeyPath + ".name", ConstructIds.OidcRole(r.Name), $"role '{r.Name}'")));
        }

        ConstructIdCollisions.Report(context, "CrossAccount", stack.CrossAccount.Select(r =>
            Named(root, r.KeyPath + ".name", ConstructIds.CrossAccountRole(r.Name), $"role '{r.Name}'")));
    }

    private static DerivedId Named(MappingReader root, string keyPath, string id, string what) =>
        new(id, what, keyPath, YamlPaths.Find(root.Node, keyPath));

    private static DerivedId Item(MappingReader root, string sequencePath, string key, string value, string id, string what)
    {
        var (keyPath, node) = YamlPaths.FindItem(root.Node, sequencePath, key, value);
        return new(id, what, keyPath, node);
    }
}
