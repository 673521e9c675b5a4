using EdgeIam.Config.Naming;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Naming;

public sealed class ConstructIdCollisionTests
{
    private const string Network = """
        network:
          vpcCidr: 10.20.0.0/16
          wavelengthZones:
            - zone: us-east-1-wl1-bos-wlz-1
              subnetCidr: 10.20.10.0/24

        """;

    private static string Fleets(params string[] names) => StackFiles.Minimal + Network + "edgeFleets:\n" + string.Concat(names.Select(n =>
        $"  - name: {n}\n    zone: us-east-1-wl1-bos-wlz-1\n    instanceType: t3.medium\n    count: 1\n"));

    [Theory]
    [InlineData("cam-1", "cam1", "FleetCam1")]
    [InlineData("cam1", "cam-1", "FleetCam1")]
    [InlineData("web-2x", "web2x", "FleetWeb2x")]
    [InlineData("a--b", "a-b", "FleetAB")]
    public void FleetsWhoseNamesMeetAsConstructIdsAreRefusedAtTheSecondNamingTheFirst(string first, string second, string id)
    {
        var result = StackFiles.Load(Fleets(first, "other", second));
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("edgeFleets[2].name", error.KeyPath);
        Assert.Equal((17, 11), (error.Line, error.Column));
        Assert.StartsWith($"fleet '{second}' would get construct ID '{id}' in the stack, which fleet '{first}' (edgeFleets[0].name) already gets", error.Message, StringComparison.Ordinal);
        Assert.Contains("rename one of the two", error.Fix, StringComparison.Ordinal);
        Assert.Empty(result.Stacks);
    }

    [Fact]
    public void EveryCollisionIsReportedNotOnlyTheFirst()
    {
        var errors = StackFiles.Load(Fleets("cam-1", "cam1", "cam-2", "cam2", "cam--2")).Diagnostics.Where(d => d.IsError).ToList();
        Assert.Equal(["edgeFleets[1].name", "edgeFleets[3].name", "edgeFleets[4].name"], errors.Select(e => e.KeyPath));
        Assert.Contains("fleet 'cam-2' (edgeFleets[2].name)", errors[2].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cam-1", "cam-2")]
    [InlineData("cam1", "cam11")]
    [InlineData("cam-1-1", "cam-11")] // both FleetCam11: refused
    [InlineData("cam-a", "cama")] // FleetCamA and FleetCama: CDK IDs are case-sensitive, so both pass
    public void FleetsWithDistinctLettersAndDigitsPassOrCollideExactlyAsTheirIdsDo(string first, string second)
    {
        var result = StackFiles.Load(Fleets(first, second));
        var collide = ConstructIds.Fleet(first) == ConstructIds.Fleet(second);
        Assert.Equal(collide, result.HasErrors);
    }

    [Fact]
    public void TheIdsAreTheOnesTheConstructsHaveAlwaysUsed()
    {
        // Logical IDs of deployed stacks derive from these; a change would replace resources.
        Assert.Equal("FleetVideoAnalytics", ConstructIds.Fleet("video-analytics"));
        Assert.Equal("Wl1BosWlz1", ConstructIds.Subnet("us-east-1-wl1-bos-wlz-1"));
        Assert.Equal("TrustAnchorEdgeCa", ConstructIds.TrustAnchor("edge-ca"));
        Assert.Equal("RoleEdgeDeviceRole", ConstructIds.RolesAnywhereRole("EdgeDeviceRole"));
        Assert.Equal("DevicePrefixEdgeDeviceRole", ConstructIds.DevicePrefixPolicy("EdgeDeviceRole"));
        Assert.Equal("ProfileEdgeDevice", ConstructIds.Profile("edge-device"));
        Assert.Equal("RolesAnywhereTrustAnchorEdgeCaArn", ConstructIds.TrustAnchorOutput("edge-ca"));
        Assert.Equal("GitHubDeploy", ConstructIds.OidcRole("GitHubDeploy"));
        Assert.Equal("Partner.Audit@x", ConstructIds.CrossAccountRole("Partner.Audit@x"));
        Assert.Equal("github", ConstructIds.OidcProvider("github"));
    }

    [Fact]
    public void RoleNamesThatDifferOnlyInPunctuationPassWhereTheConstructIdIsTheNameItself()
    {
        // Cross-account and OIDC roles use the name as is, so Partner-Audit and PartnerAudit are two constructs.
        var stack = StackFiles.Valid(StackFiles.Minimal + """
            crossAccount:
              - name: Partner-Audit
                trustedAccounts: ["222222222222"]
                externalId: partner-audit-9f2c
              - name: PartnerAudit
                trustedAccounts: ["222222222222"]
                externalId: partner-audit-9f2c
            """);
        Assert.Equal(2, stack.CrossAccount.Count);
    }
}
