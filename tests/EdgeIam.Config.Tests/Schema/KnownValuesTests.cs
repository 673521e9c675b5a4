using EdgeIam.Config.Compute;
using EdgeIam.Config.Network;
using EdgeIam.Config.Stack;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Schema;

/// <summary>
/// The schema checks regions, Wavelength Zones and instance types by form; the loader by its lists. Every value on
/// a list must pass the schema's form, or editors would flag files the loader accepts.
/// </summary>
public sealed class KnownValuesTests
{
    public static TheoryData<string> Regions() => [.. AwsRegions.All];

    public static TheoryData<string> Zones() => [.. WavelengthZones.All];

    public static TheoryData<string> InstanceTypes() => [.. WavelengthInstanceTypes.Offered];

    [Theory]
    [MemberData(nameof(Regions))]
    public void EveryRegionTheLoaderKnowsPassesTheSchema(string region) =>
        BothAccept($"account: \"111111111111\"\nregion: {region}\n");

    [Theory]
    [MemberData(nameof(Zones))]
    public void EveryWavelengthZoneTheLoaderKnowsPassesTheSchema(string zone) => BothAccept($"""
        account: "111111111111"
        region: {WavelengthZones.RegionOf(zone)}
        network:
          vpcCidr: 10.20.0.0/16
          wavelengthZones:
            - zone: {zone}
              subnetCidr: 10.20.10.0/24
        edgeFleets:
          - name: fleet
            zone: {zone}
            instanceType: t3.medium

        """);

    [Theory]
    [MemberData(nameof(InstanceTypes))]
    public void EveryOfferedInstanceTypePassesTheSchema(string instanceType) => BothAccept($"""
        account: "111111111111"
        region: us-east-1
        network:
          vpcCidr: 10.20.0.0/16
          wavelengthZones:
            - zone: us-east-1-wl1-bos-wlz-1
              subnetCidr: 10.20.10.0/24
        edgeFleets:
          - name: fleet
            zone: us-east-1-wl1-bos-wlz-1
            instanceType: {instanceType}

        """);

    private static void BothAccept(string yaml)
    {
        var loader = StackFiles.Load(yaml);
        Assert.False(loader.HasErrors, string.Join("\n", loader.Diagnostics));
        var json = YamlToJson.Convert(yaml, out var problem);
        Assert.Null(problem);
        Assert.Empty(StackSchema.Instance.Errors(json));
    }
}
