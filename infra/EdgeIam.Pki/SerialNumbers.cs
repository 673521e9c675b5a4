using System.Globalization;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.Pki;

/// <summary>
/// Certificate serial numbers as EdgeIam writes them: upper-case hex of the positive integer without leading zeros
/// (so "00C0FFEE", "c0ffee" and the certificate's own encoding compare equal). RFC 5280 §4.1.2.2: positive, at most
/// 20 octets.
/// </summary>
public static class SerialNumbers
{
    private const int MaxOctets = 20;

    /// <summary>The canonical form of a hex serial, or null when it is not 1-40 hex digits of a positive number.</summary>
    public static string? TryNormalize(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length is 0 or > 2 * MaxOctets + 2 || !hex.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        var trimmed = hex.TrimStart('0').ToUpperInvariant();
        return trimmed.Length is 0 or > 2 * MaxOctets ? null : trimmed;
    }

    /// <summary>The canonical serial of a certificate; null when its serial is zero or negative (not RFC 5280).</summary>
    public static string? Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return FromInteger(certificate.SerialNumberBytes.Span);
    }

    /// <summary>The canonical serial of DER INTEGER content bytes (big-endian two's complement).</summary>
    public static string? FromInteger(ReadOnlySpan<byte> bigEndian)
    {
        var value = new BigInteger(bigEndian, isUnsigned: false, isBigEndian: true);
        return value.Sign > 0 ? value.ToString("X", CultureInfo.InvariantCulture).TrimStart('0') : null;
    }

    /// <summary>The DER INTEGER content of a canonical serial, as a CRL entry must carry it (RFC 5280 §5.1.2.6).</summary>
    public static byte[] ToInteger(string canonical) =>
        BigInteger.Parse("0" + canonical, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture).ToByteArray(isUnsigned: false, isBigEndian: true);
}
