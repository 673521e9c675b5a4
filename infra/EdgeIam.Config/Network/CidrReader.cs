using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Network;

/// <summary>Reads an IPv4 CIDR value of a mapping: well formed, and written with its network address.</summary>
internal static class CidrReader
{
    /// <param name="reader">The mapping holding the value.</param>
    /// <param name="key">Its key.</param>
    /// <param name="example">A block shown in fixes, e.g. <c>10.20.10.0/24</c>.</param>
    /// <param name="required">Whether a missing value is an error.</param>
    public static Ipv4Cidr? Read(MappingReader reader, string key, string example, bool required)
    {
        var text = reader.String(key, required, $"add `{key}:` with an IPv4 block, e.g. {example}.");
        if (text is null)
        {
            return null;
        }

        if (Ipv4Cidr.Parse(text) is not { } cidr)
        {
            reader.Error(key, $"'{text}' is not an IPv4 CIDR block", $"write address/prefix, e.g. {example}.");
            return null;
        }

        if (!cidr.IsNetworkAddress)
        {
            reader.Error(key, $"{text} has host bits set", $"write the block's first address: {cidr.WithNetworkAddress()}.");
            return null;
        }

        return cidr;
    }
}
