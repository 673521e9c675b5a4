using Constructs;
using EdgeIam.Config.Naming;
using EdgeIam.Config.Stack;
using EdgeIam.Infrastructure.Tests.Support;

namespace EdgeIam.Infrastructure.Tests.Composition;

/// <summary>
/// The constructs use exactly the IDs the loader checks for collisions (<see cref="ConstructIds"/>), in the scopes
/// it checks them in: asserted on the construct tree of the shipped stacks.
/// </summary>
[Collection(SynthesizedStacksCollection.Name)]
public sealed class ConstructIdTests(SynthesizedStacks stacks)
{
    [Fact]
    public void EveryConstructNamedFromTheConfigHasTheIdTheLoaderDerived()
    {
        var checkedIds = 0;
        foreach (var config in new[] { stacks.DevConfig, stacks.ProdConfig })
        {
            var stack = Child(stacks.App, config.CloudFormationStackName);
            foreach (var fleet in config.EdgeFleets)
            {
                Expect(stack, ConstructIds.Fleet(fleet.Name));
            }

            foreach (var zone in config.Network?.WavelengthZones ?? [])
            {
                Expect(Child(stack, "Network"), ConstructIds.Subnet(zone.Zone));
            }

            foreach (var provider in config.Oidc?.Providers ?? [])
            {
                Expect(Child(Child(stack, "Oidc"), "Providers"), ConstructIds.OidcProvider(provider.Name));
            }

            foreach (var role in config.Oidc?.Roles ?? [])
            {
                Expect(Child(Child(stack, "Oidc"), "Roles"), ConstructIds.OidcRole(role.Name));
            }

            foreach (var role in config.CrossAccount)
            {
                Expect(Child(stack, "CrossAccount"), ConstructIds.CrossAccountRole(role.Name));
            }

            if (config.RolesAnywhere is { } rolesAnywhere)
            {
                var scope = Child(stack, "RolesAnywhere");
                rolesAnywhere.TrustAnchors.ToList().ForEach(a => Expect(scope, ConstructIds.TrustAnchor(a.Name), ConstructIds.TrustAnchorOutput(a.Name)));
                rolesAnywhere.Roles.ToList().ForEach(r => Expect(scope, ConstructIds.RolesAnywhereRole(r.Name), ConstructIds.RoleOutput(r.Name)));
                rolesAnywhere.Roles.Where(r => r.DevicePrefix is not null).ToList().ForEach(r => Expect(scope, ConstructIds.DevicePrefixPolicy(r.Name)));
                rolesAnywhere.Profiles.ToList().ForEach(p => Expect(scope, ConstructIds.Profile(p.Name), ConstructIds.ProfileOutput(p.Name)));
            }
        }

        // dev.yaml exercises every section; a vacuous pass (nothing found to check) must fail.
        Assert.True(checkedIds >= 25, $"only {checkedIds} construct IDs checked");

        void Expect(IConstruct scope, params string[] ids)
        {
            foreach (var id in ids)
            {
                Assert.True(scope.Node.TryFindChild(id) is not null, $"{scope.Node.Path} has no child '{id}'; children: {string.Join(", ", scope.Node.Children.Select(c => c.Node.Id))}");
                checkedIds++;
            }
        }
    }

    [Fact]
    public void EveryRoleIsNamedWithTheStackPrefixTheLoaderMeasured()
    {
        var names = SynthesizedStacks.ResourcesOf(stacks.DevJson, "AWS::IAM::Role")
            .Select(r => (string)r.Value["Properties"]!["RoleName"]!).Order(StringComparer.Ordinal).ToList();
        var config = stacks.DevConfig;
        var expected = config.EdgeFleets.Select(f => f.Name)
            .Concat(config.Oidc?.Roles.Select(r => r.Name) ?? [])
            .Concat(config.CrossAccount.Select(r => r.Name))
            .Concat(config.RolesAnywhere?.Roles.Select(r => r.Name) ?? [])
            .Concat(config.EdgeFleets.SelectMany(f => f.ContainerRoles).Select(r => r.Name))
            .Concat(config.ServiceRoles.Select(r => r.Name))
            .Concat(config.Saml?.Roles.Select(r => r.Name) ?? [])
            .Select(n => RoleNames.Physical(config.CloudFormationStackName, n)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, names);
        Assert.All(names, n => Assert.StartsWith("EdgeIam-dev-", n, StringComparison.Ordinal));
    }

    private static IConstruct Child(IConstruct scope, string id) =>
        scope.Node.TryFindChild(id) ?? throw new Xunit.Sdk.XunitException($"{scope.Node.Path} has no child '{id}'");
}
