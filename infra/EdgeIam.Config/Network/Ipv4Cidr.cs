using System.Globalization;

namespace EdgeIam.Config.Network;

/// <summary>An IPv4 CIDR block such as <c>10.20.10.0/24</c>, parsed strictly (four decimal octets, prefix 0..32).</summary>
public readonly record struct Ipv4Cidr(uint Address, int PrefixLength)
{
    /// <summary>First address of the block (host bits cleared).</summary>
    public uint Network => Address & Mask;

    /// <summary>Last address of the block.</summary>
    public uint Broadcast => Network | ~Mask;

    /// <summary>True when no host bit is set: AWS refuses <c>10.0.0.5/24</c> for a VPC or subnet.</summary>
    public bool IsNetworkAddress => Address == Network;

    /// <summary>Addresses in the block, as a 64-bit count (a /0 holds 2^32).</summary>
    public long Size => 1L << (32 - PrefixLength);

    private uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    /// <summary>Parses <c>a.b.c.d/n</c>; null when <paramref name="text"/> is not exactly that.</summary>
    public static Ipv4Cidr? Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !TryParseNumber(text[(slash + 1)..], 32, out var prefix))
        {
            return null;
        }

        var octets = text[..slash].Split('.');
        if (octets.Length != 4)
        {
            return null;
        }

        uint address = 0;
        foreach (var octet in octets)
        {
            if (!TryParseNumber(octet, 255, out var value))
            {
                return null;
            }

            address = (address << 8) | (uint)value;
        }

        return new Ipv4Cidr(address, prefix);
    }

    public bool Contains(Ipv4Cidr other) =>
        other.PrefixLength >= PrefixLength && other.Network >= Network && other.Broadcast <= Broadcast;

    public bool Overlaps(Ipv4Cidr other) => Network <= other.Broadcast && other.Network <= Broadcast;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Address >> 24}.{(Address >> 16) & 255}.{(Address >> 8) & 255}.{Address & 255}/{PrefixLength}");

    /// <summary>The same block written with its network address (what the user probably meant).</summary>
    public Ipv4Cidr WithNetworkAddress() => this with { Address = Network };

    // Plain decimal without sign, spaces or leading zeros ("010" is octal to some tools and ambiguous to readers).
    private static bool TryParseNumber(string text, int max, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 3 || (text.Length > 1 && text[0] == '0') || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return value <= max;
    }
}
