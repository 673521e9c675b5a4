using System.Text.RegularExpressions;

namespace EdgeIam.Config.Network;

/// <summary>
/// Wavelength Zones AWS lists, by parent region, from "Available Wavelength Zones"
/// (https://docs.aws.amazon.com/wavelength/latest/developerguide/available-wavelength-zones.html). Kept as data: a
/// well-formed zone missing here is only a warning, so a zone AWS opens after this table was written still deploys.
/// </summary>
public static partial class WavelengthZones
{
    private static readonly SortedSet<string> Known = new(StringComparer.Ordinal)
    {
        // US East (N. Virginia), Verizon
        "us-east-1-wl1-atl-wlz-1",
        "us-east-1-wl1-bna-wlz-1",
        "us-east-1-wl1-bos-wlz-1",
        "us-east-1-wl1-chi-wlz-1",
        "us-east-1-wl1-clt-wlz-1",
        "us-east-1-wl1-dfw-wlz-1",
        "us-east-1-wl1-dtw-wlz-1",
        "us-east-1-wl1-iah-wlz-1",
        "us-east-1-wl1-mia-wlz-1",
        "us-east-1-wl1-msp-wlz-1",
        "us-east-1-wl1-nyc-wlz-1",
        "us-east-1-wl1-tpa-wlz-1",
        "us-east-1-wl1-was-wlz-1",

        // US West (Oregon), Verizon
        "us-west-2-wl1-den-wlz-1",
        "us-west-2-wl1-las-wlz-1",
        "us-west-2-wl1-lax-wlz-1",
        "us-west-2-wl1-phx-wlz-1",
        "us-west-2-wl1-sea-wlz-1",
        "us-west-2-wl1-sfo-wlz-1",

        // Asia Pacific (Tokyo), KDDI
        "ap-northeast-1-wl1-kix-wlz-1",
        "ap-northeast-1-wl1-nrt-wlz-1",

        // Canada (Central), Bell
        "ca-central-1-wl1-yto-wlz-1",

        // Europe (London), Vodafone
        "eu-west-2-wl1-lon-wlz-1",
        "eu-west-2-wl1-man-wlz-1",
        "eu-west-2-wl2-man-wlz-1",
    };

    public static IEnumerable<string> All => Known;

    public static bool IsKnown(string zone) => Known.Contains(zone);

    /// <summary>
    /// The parent region of a well-formed Wavelength Zone name (<c>us-east-1-wl1-bos-wlz-1</c> → <c>us-east-1</c>);
    /// null when <paramref name="zone"/> is not shaped like one (an Availability Zone such as <c>us-east-1a</c>, say).
    /// </summary>
    public static string? RegionOf(string zone)
    {
        var match = ZoneName().Match(zone);
        return match.Success ? match.Groups["region"].Value : null;
    }

    /// <summary>The part after the region (<c>wl1-bos-wlz-1</c>): unique within a region, so it names constructs.</summary>
    public static string LocalName(string zone)
    {
        var region = RegionOf(zone) ?? throw new ArgumentException($"'{zone}' is not a Wavelength Zone name", nameof(zone));
        return zone[(region.Length + 1)..];
    }

    // <region>-wl<carrier>-<3-letter location>-wlz-<n>; the carrier number tells carriers apart in one city.
    [GeneratedRegex(@"^(?<region>[a-z]{2}(-gov)?-[a-z]+-[0-9]+)-wl[0-9]+-[a-z]{3}-wlz-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneName();
}
