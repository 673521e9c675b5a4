using System.Globalization;
using System.Text.RegularExpressions;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Network;

/// <summary>Parses <c>network</c>: the VPC (new or existing) and one Wavelength subnet per zone.</summary>
internal static partial class NetworkParser
{
    internal static readonly KeySet Keys = new("network", "vpcCidr", "vpcId", "carrierGatewayId", "wavelengthZones");

    internal static readonly KeySet ZoneKeys = new("network.wavelengthZones[]", "zone", "subnetCidr");

    /// <summary>IPv4 block sizes AWS accepts for a VPC and for a subnet: /16 to /28.
    /// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html,
    /// https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html</summary>
    public const int LargestPrefixLength = 16;

    public const int SmallestPrefixLength = 28;

    private const string FindZones =
        "aws ec2 describe-availability-zones --all-availability-zones --filters Name=zone-type,Values=wavelength-zone";

    /// <summary>
    /// The network, and the well-formed zone names it declares even when a zone's subnet is invalid: fleets are
    /// checked against those, so one bad subnetCidr does not also fail every fleet in that zone.
    /// </summary>
    public static (NetworkConfig? Network, IReadOnlySet<string> DeclaredZones) Parse(MappingReader root, string? region)
    {
        var declaredZones = new HashSet<string>(StringComparer.Ordinal);
        var network = root.Section("network", Keys, network => ParseNetwork(network, region, declaredZones));
        return (network, declaredZones);
    }

    private static NetworkConfig? ParseNetwork(MappingReader network, string? region, HashSet<string> declaredZones)
    {
        var vpcCidr = ParseCidr(network, "vpcCidr", "the VPC", required: true);
        var vpcId = network.Matching("vpcId", VpcIdPattern(), "a VPC ID",
            "write the ID of the VPC to extend, e.g. vpc-0123456789abcdef0, or remove vpcId to create a new VPC.");
        var carrierGatewayId = network.Matching("carrierGatewayId", CarrierGatewayIdPattern(), "a carrier gateway ID",
            "write the ID of the VPC's carrier gateway, e.g. cagw-0123456789abcdef0.");
        if (carrierGatewayId is not null && !network.Has("vpcId"))
        {
            // A new VPC has no carrier gateway yet: EdgeIam creates it.
            network.Error("carrierGatewayId", "a carrier gateway can only be reused in an existing VPC (vpcId)",
                "remove carrierGatewayId (EdgeIam creates the new VPC's carrier gateway), or set vpcId to the VPC it belongs to.");
        }

        var declared = new List<(WavelengthZoneConfig Zone, string Path)>();
        var zones = network.Items("wavelengthZones", ZoneKeys, z => ParseZone(z, region, vpcCidr, declared, declaredZones), required: true,
            fix: "add at least one `- zone: ...` with its `subnetCidr`, or remove `network`.", emptyMessage: "lists no zone");

        // Any error above fails the whole load, so a partial config never reaches a construct.
        return vpcCidr is null || zones.Count == 0 ? null : new NetworkConfig(vpcCidr.Value, vpcId, carrierGatewayId, zones);
    }

    private static WavelengthZoneConfig? ParseZone(
        MappingReader z, string? region, Ipv4Cidr? vpcCidr, List<(WavelengthZoneConfig Zone, string Path)> declared, HashSet<string> declaredZones)
    {
        var zone = ParseZoneName(z, region);
        if (zone is not null)
        {
            declaredZones.Add(zone);
        }

        var cidr = ParseCidr(z, "subnetCidr", "a subnet", required: true);
        if (cidr is { } subnet && vpcCidr is { } vpc)
        {
            if (!vpc.Contains(subnet))
            {
                z.Error("subnetCidr", $"{subnet} is not inside the VPC's {vpc}",
                    $"choose a block inside {vpc}, e.g. {Example(vpc)}.");
                cidr = null;
            }
            else if (declared.FirstOrDefault(d => d.Zone.SubnetCidr.Overlaps(subnet)) is { Path: not null } clash)
            {
                z.Error("subnetCidr", $"{subnet} overlaps {clash.Zone.SubnetCidr} of {clash.Path}",
                    "give every Wavelength subnet its own, non-overlapping block.");
                cidr = null;
            }
        }

        if (zone is not null && declared.FirstOrDefault(d => d.Zone.Zone == zone) is { Path: not null } twin)
        {
            z.Error("zone", $"{zone} is already declared at {twin.Path}", "declare each Wavelength Zone once; it gets one subnet.");
            zone = null;
        }

        if (zone is null || cidr is null)
        {
            return null;
        }

        var config = new WavelengthZoneConfig(zone, cidr.Value);
        declared.Add((config, z.Path));
        return config;
    }

    private static string? ParseZoneName(MappingReader z, string? region)
    {
        var zone = z.String("zone", required: true, fix: "add `zone:` with a Wavelength Zone name, e.g. us-east-1-wl1-bos-wlz-1.");
        if (zone is null)
        {
            return null;
        }

        var zoneRegion = WavelengthZones.RegionOf(zone);
        if (zoneRegion is null)
        {
            z.Error("zone", $"'{zone}' is not a Wavelength Zone name",
                $"Wavelength Zone names look like us-east-1-wl1-bos-wlz-1; list yours with `{FindZones}`.");
            return null;
        }

        if (region is not null && zoneRegion != region)
        {
            z.Error("zone", OtherRegion(zone, zoneRegion, region), ZoneFixFor(region, zoneRegion));
            return null;
        }

        if (!WavelengthZones.IsKnown(zone))
        {
            var nearest = KeySuggester.Nearest(zone, WavelengthZones.All);
            z.Warning("zone", $"{zone} is not in EdgeIam's list of Wavelength Zones (it may be newer than the list, or misspelt)",
                (nearest is not null ? $"did you mean {nearest}? " : "") + $"Check the name with `{FindZones}`.");
        }

        return zone;
    }

    internal static string OtherRegion(string zone, string zoneRegion, string region) =>
        $"{zone} belongs to region {zoneRegion}, but the stack deploys to {region}";

    /// <summary>A message fix naming zones of the stack's region, so the user sees what is valid here.</summary>
    internal static string ZoneFixFor(string region, string otherRegion)
    {
        var local = WavelengthZones.All.Where(z => WavelengthZones.RegionOf(z) == region).Take(3).ToList();
        var examples = local.Count > 0 ? $"use a Wavelength Zone of {region} ({string.Join(", ", local)}, ...)" : $"use a Wavelength Zone of {region}";
        return $"{examples}, or declare this zone in a stack for {otherRegion}.";
    }

    /// <summary>An IPv4 CIDR between /16 and /28 with no host bits set.</summary>
    private static Ipv4Cidr? ParseCidr(MappingReader reader, string key, string what, bool required)
    {
        var sizes = string.Create(CultureInfo.InvariantCulture, $"/{LargestPrefixLength} to /{SmallestPrefixLength}");
        if (CidrReader.Read(reader, key, $"10.20.10.0/24 ({sizes})", required) is not { } cidr)
        {
            return null;
        }

        if (cidr.PrefixLength is < LargestPrefixLength or > SmallestPrefixLength)
        {
            reader.Error(key, string.Create(CultureInfo.InvariantCulture, $"a /{cidr.PrefixLength} block is a size AWS refuses for {what}"),
                $"use a block from {sizes} (65,536 to 16 addresses).");
            return null;
        }

        return cidr;
    }

    private static string Example(Ipv4Cidr vpc) =>
        new Ipv4Cidr(vpc.Network, Math.Min(SmallestPrefixLength, Math.Max(vpc.PrefixLength, 24))).ToString();

    [GeneratedRegex(@"^vpc-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex VpcIdPattern();

    [GeneratedRegex(@"^cagw-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex CarrierGatewayIdPattern();
}
