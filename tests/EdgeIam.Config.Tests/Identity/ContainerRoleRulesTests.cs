using EdgeIam.Config.Identity;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Identity;

public sealed class ContainerRoleRulesTests
{
    private static string Yaml(string roles) => StackFiles.Minimal + """
        network:
          vpcCidr: 10.20.0.0/16
          wavelengthZones:
            - zone: us-east-1-wl1-bos-wlz-1
              subnetCidr: 10.20.10.0/24
        edgeFleets:
          - name: inference
            zone: us-east-1-wl1-bos-wlz-1
            instanceType: t3.medium

        """ + roles;

    private static void HasError(string yaml, string path, string message)
    {
        var result = StackFiles.Load(yaml);
        Assert.True(result.Diagnostics.Any(d => d.IsError && d.KeyPath == path && d.Message.Contains(message, StringComparison.Ordinal)),
            $"expected an error at {path} containing '{message}', got:\n{string.Join("\n", result.Diagnostics)}");
    }

    [Fact]
    public void TaskAndPodRolesAreParsed()
    {
        var stack = StackFiles.Valid(Yaml("    taskRoles:\n      - name: Task\n    podRoles:\n      - name: Pod\n        cluster: edge-nyc\n        namespace: inference\n        serviceAccount: model-server\n"));
        var roles = Assert.Single(stack.EdgeFleets).ContainerRoles;
        Assert.Equal([ContainerRuntime.EcsTask, ContainerRuntime.EksPod], roles.Select(r => r.Runtime));
        Assert.Equal("edge-nyc", roles[1].Cluster);
    }

    [Theory]
    [InlineData("    podRoles:\n      - name: Pod\n        serviceAccount: sa\n", "edgeFleets[0].podRoles[0].namespace", "required")]
    [InlineData("    podRoles:\n      - name: Pod\n        namespace: inference\n", "edgeFleets[0].podRoles[0].serviceAccount", "required")]
    [InlineData("    podRoles:\n      - name: Pod\n        namespace: Inference_NS\n        serviceAccount: sa\n", "edgeFleets[0].podRoles[0].namespace", "Kubernetes namespace")]
    [InlineData("    podRoles:\n      - name: Pod\n        namespace: ns\n        serviceAccount: sa\n        cluster: -bad\n", "edgeFleets[0].podRoles[0].cluster", "EKS cluster name")]
    [InlineData("    taskRoles:\n      - name: Task\n        cluster: x\n", "edgeFleets[0].taskRoles[0].cluster", "unknown key")]
    [InlineData("    taskRoles: Task\n", "edgeFleets[0].taskRoles", "expected a list")]
    [InlineData("    taskRoles:\n      - name: Task\n      - name: TASK\n", "edgeFleets[0].taskRoles[1].name", "already named")]
    [InlineData("    taskRoles:\n      - name: inference\n", "edgeFleets[0].taskRoles[0].name", "also used by")]
    public void HostileContainerRoles(string roles, string path, string message) => HasError(Yaml(roles), path, message);
}
