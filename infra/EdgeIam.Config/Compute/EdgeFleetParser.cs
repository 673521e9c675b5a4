using System.Globalization;
using System.Text.RegularExpressions;
using EdgeIam.Config.Iam;
using EdgeIam.Config.Network;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Compute;

/// <summary>Parses <c>edgeFleets</c>; needs the parsed <c>network</c>, because a fleet runs in one of its zones.</summary>
internal static partial class EdgeFleetParser
{
    internal static readonly KeySet Keys = new("edgeFleets[]",
    [
        "name", "zone", "instanceType", "allowUnlistedInstanceType", "count", "ami", "metadataHopLimit",
        "instanceMetadataTags", "carrierIp", "rootVolumeSize", "rootDeviceName", "ingress", "egress",
        .. Identity.ContainerRoleParser.FleetKeys,
        .. RoleAccessParser.Keys,
    ]);

    /// <summary>Instances per fleet. Each is its own CloudFormation resource; a larger fleet wants an Auto Scaling group.</summary>
    public const int MaxCount = 20;

    /// <summary>gp2 volume size range (GiB); the lower bound is the Amazon Linux 2023 AMI's own 8 GiB root snapshot.</summary>
    public const int MinRootVolumeGiB = 8;

    public const int MaxRootVolumeGiB = 16384;

    /// <param name="root">The top of the stack file.</param>
    /// <param name="declaredZones">Wavelength Zones that <c>network</c> declares (see <see cref="NetworkParser.Parse"/>).</param>
    /// <param name="region">The stack's region; null when invalid (already reported).</param>
    /// <param name="tags">The stack's tags, which instances carry (and may expose in instance metadata).</param>
    /// <param name="quotas">The account's quotas (security group rules per group).</param>
    public static IReadOnlyList<EdgeFleetConfig> Parse(
        MappingReader root, IReadOnlySet<string> declaredZones, string? region, IReadOnlyList<KeyValuePair<string, string>> tags,
        Stack.AccountQuotas quotas)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var containerRoles = new Federation.IamRoleNames();
        return root.Items("edgeFleets", Keys, fleet => ParseFleet(fleet, root, declaredZones, region, tags, quotas, names) is { } parsed
            ? parsed with { ContainerRoles = Identity.ContainerRoleParser.Parse(fleet, containerRoles) }
            : Discard(Identity.ContainerRoleParser.Parse(fleet, containerRoles)));
    }

    /// <summary>Container roles of a fleet that failed are still parsed, so their errors are reported too.</summary>
    private static EdgeFleetConfig? Discard(IReadOnlyList<Identity.ContainerRoleConfig> roles) => roles.Count < 0 ? null : null;

    private static EdgeFleetConfig? ParseFleet(
        MappingReader fleet, MappingReader root, IReadOnlySet<string> declaredZones, string? region,
        IReadOnlyList<KeyValuePair<string, string>> tags, Stack.AccountQuotas quotas, Dictionary<string, string> names)
    {
        var name = fleet.Matching("name", NamePattern(), "a fleet name (lower-case letters, digits and hyphens, at most 40)",
            "write a short name such as video-analytics; it also names the fleet's IAM role.", required: true);
        if (name is not null && !names.TryAdd(name, fleet.Path))
        {
            fleet.Error("name", $"fleet '{name}' is already declared at {names[name]}", "give every fleet its own name.");
            name = null;
        }

        var zone = ParseZone(fleet, root, declaredZones, region);
        var instanceType = ParseInstanceType(fleet);
        var count = fleet.Int("count", 1, MaxCount) ?? 1;
        var ami = fleet.Matching("ami", AmiPattern(), "an AMI ID or resolve:ssm: parameter reference",
            $"write ami-0123456789abcdef0, or resolve:ssm:/parameter/name; omit it for Amazon Linux 2023 ({EdgeFleetConfig.DefaultAmi}).")
            ?? EdgeFleetConfig.DefaultAmi;
        var hopLimit = ParseHopLimit(fleet);
        var metadataTags = fleet.Bool("instanceMetadataTags", defaultValue: false);
        if (metadataTags)
        {
            CheckTagsReadableFromMetadata(fleet, tags);
        }

        var carrierIp = fleet.Bool("carrierIp", defaultValue: false);
        var rootVolume = fleet.Int("rootVolumeSize", MinRootVolumeGiB, MaxRootVolumeGiB,
            fix: string.Create(CultureInfo.InvariantCulture, $"give the size in GiB, from {MinRootVolumeGiB} (and at least the AMI's root snapshot) to {MaxRootVolumeGiB}."))
            ?? EdgeFleetConfig.DefaultRootVolumeSizeGiB;
        var rootDevice = fleet.Matching("rootDeviceName", RootDevicePattern(), "a root device name",
            "write the AMI's root device: /dev/xvda (Amazon Linux, the default) or /dev/sda1 (Ubuntu, RHEL, Windows).")
            ?? EdgeFleetConfig.DefaultRootDeviceName;
        var ingress = SecurityGroupRuleParser.ParseIngress(fleet, quotas);
        var egress = SecurityGroupRuleParser.ParseEgress(fleet, quotas);
        var access = RoleAccessParser.Parse(fleet);

        if (name is null || zone is null || instanceType is null || hopLimit is null)
        {
            return null;
        }

        return new EdgeFleetConfig
        {
            Name = name,
            KeyPath = fleet.Path,
            Zone = zone,
            InstanceType = instanceType,
            Count = count,
            Ami = ami,
            MetadataHopLimit = hopLimit.Value,
            InstanceMetadataTags = metadataTags,
            CarrierIp = carrierIp,
            RootVolumeSizeGiB = rootVolume,
            RootDeviceName = rootDevice,
            Ingress = ingress,
            Egress = egress,
            Access = access,
        };
    }

    private static string? ParseZone(MappingReader fleet, MappingReader root, IReadOnlySet<string> declaredZones, string? region)
    {
        var zone = fleet.String("zone", required: true, fix: "add `zone:` naming one of network.wavelengthZones.");
        if (zone is null || declaredZones.Contains(zone))
        {
            return zone;
        }

        if (!root.Has("network"))
        {
            fleet.Error("zone", $"the stack declares no network, so there is no subnet in {zone} to launch into",
                $"add `network:` with a vpcCidr and a wavelengthZones entry for {zone}.");
            return null;
        }

        var declared = declaredZones.Count > 0 ? string.Join(", ", declaredZones.Order(StringComparer.Ordinal)) : "none valid";
        var zoneRegion = WavelengthZones.RegionOf(zone);
        if (zoneRegion is not null && region is not null && zoneRegion != region)
        {
            fleet.Error("zone", NetworkParser.OtherRegion(zone, zoneRegion, region),
                $"use one of the stack's zones ({declared}), or {NetworkParser.ZoneFixFor(region, zoneRegion)}");
        }
        else
        {
            fleet.Error("zone", $"{zone} is not one of the stack's network.wavelengthZones ({declared})",
                $"use one of them, or add {zone} with its subnetCidr to network.wavelengthZones.");
        }

        return null;
    }

    private static string? ParseInstanceType(MappingReader fleet)
    {
        var offered = string.Join(", ", WavelengthInstanceTypes.Offered);
        var type = fleet.Matching("instanceType", InstanceTypePattern(), "an EC2 instance type",
            $"write an instance type offered in Wavelength Zones: {offered}.", required: true);
        var allowUnlisted = fleet.Bool("allowUnlistedInstanceType", defaultValue: false);
        if (type is null || WavelengthInstanceTypes.IsOffered(type))
        {
            return type;
        }

        if (!allowUnlisted)
        {
            fleet.Error("instanceType", $"{type} is not offered in Wavelength Zones",
                $"use {offered}; if AWS now offers {type} in your zone, add `allowUnlistedInstanceType: true`.");
            return null;
        }

        fleet.Warning("instanceType", $"{type} is not in EdgeIam's list of Wavelength instance types ({offered}); allowed by allowUnlistedInstanceType",
            "make sure the zone offers it: aws ec2 describe-instance-type-offerings --location-type availability-zone --filters Name=location,Values=<zone>.");
        return type;
    }

    private static int? ParseHopLimit(MappingReader fleet)
    {
        // EC2 accepts 1..64; anything outside that is malformed, anything above 2 is a security decision we refuse.
        var hops = fleet.Int("metadataHopLimit", 1, 64);
        if (hops is null)
        {
            return fleet.Has("metadataHopLimit") ? null : 1;
        }

        if (hops > EdgeFleetConfig.MaxMetadataHopLimit)
        {
            fleet.Error("metadataHopLimit", string.Create(CultureInfo.InvariantCulture,
                    $"{hops} hops would let IMDSv2 tokens travel beyond the instance and its containers"),
                "use 1 (the default), or 2 when containers on the instance call the metadata service.");
            return null;
        }

        return hops;
    }

    /// <summary>
    /// With tags in instance metadata, EC2 refuses tag keys with spaces or <c>/</c> (and keys <c>.</c>, <c>..</c>, <c>_</c>).
    /// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/work-with-tags-in-IMDS.html
    /// </summary>
    private static void CheckTagsReadableFromMetadata(MappingReader fleet, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        foreach (var (key, _) in tags)
        {
            if (!MetadataTagKey().IsMatch(key) || key is "." or ".." or "_")
            {
                fleet.Error("instanceMetadataTags", $"the stack tag '{key}' cannot be exposed in instance metadata, so EC2 would refuse to launch",
                    "rename the tag (letters, digits and + - = . , _ : @; no spaces or /), or set instanceMetadataTags: false.");
            }
        }
    }

    [GeneratedRegex(@"^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-z][a-z0-9-]*\.[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceTypePattern();

    // EC2 launch templates accept an AMI ID or resolve:ssm:name[:version|:label].
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/create-launch-template.html#use-an-ssm-parameter-instead-of-an-ami-id
    [GeneratedRegex(@"^(ami-([0-9a-f]{8}|[0-9a-f]{17})|resolve:ssm:[A-Za-z0-9_./-]{1,2048}(:[A-Za-z0-9_.-]{1,100})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex AmiPattern();

    [GeneratedRegex(@"^/dev/(sd[a-z][0-9]{0,2}|xvd[a-z]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex RootDevicePattern();

    [GeneratedRegex(@"^[A-Za-z0-9+\-=.,_:@]+$", RegexOptions.CultureInvariant)]
    private static partial Regex MetadataTagKey();
}
