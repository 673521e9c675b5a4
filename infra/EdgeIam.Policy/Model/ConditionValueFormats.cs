using System.Globalization;
using System.Net;

namespace EdgeIam.Policy.Model;

/// <summary>
/// How each typed operator family reads its values; shared by the parser (to reject bad values with a path) and the
/// evaluator (to compare request values).
/// </summary>
internal static class ConditionValueFormats
{
    public static bool TryParseNumber(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// ISO 8601 dates and times, or epoch seconds
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date).
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        if (text.Length > 0 && IsInteger(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var epoch))
        {
            if (epoch is >= -62135596800 and <= 253402300799)
            {
                value = DateTimeOffset.FromUnixTimeSeconds(epoch);
                return true;
            }

            value = default;
            return false;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    public static bool TryParseBool(ReadOnlySpan<char> text, out bool value)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return text.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A CIDR block, or a single address treated as /32 (/128).</summary>
    public static bool TryParseNetwork(string text, out IPNetwork network)
    {
        if (IPNetwork.TryParse(text, out network))
        {
            return true;
        }

        if (!text.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        // IPNetwork rejects host bits after the prefix ("10.0.0.1/8"); IAM accepts them, so mask them off.
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && IPAddress.TryParse(text.AsSpan(0, slash), out var host)
            && int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            var bytes = host.GetAddressBytes();
            if (prefix < 0 || prefix > bytes.Length * 8)
            {
                return false;
            }

            for (var bit = prefix; bit < bytes.Length * 8; bit++)
            {
                bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
            }

            network = new IPNetwork(new IPAddress(bytes), prefix);
            return true;
        }

        return false;
    }

    public static bool TryParseBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }

    /// <summary>Checks one value for an operator family; returns the reason when it can never match.</summary>
    public static string? Validate(ConditionFamily family, string value) => family switch
    {
        ConditionFamily.Numeric when !TryParseNumber(value, out _) => $"\"{value}\" is not a number",
        ConditionFamily.Date when !TryParseDate(value, out _) => $"\"{value}\" is not an ISO 8601 date or epoch seconds",
        ConditionFamily.Bool when !TryParseBool(value, out _) && !value.Contains("${", StringComparison.Ordinal) => $"\"{value}\" is not true or false",
        ConditionFamily.IpAddress when !TryParseNetwork(value, out _) => $"\"{value}\" is not an IP address or CIDR block",
        ConditionFamily.Binary when !TryParseBase64(value, out _) => $"\"{value}\" is not base64",
        _ => null,
    };

    private static bool IsInteger(ReadOnlySpan<char> text)
    {
        var start = text[0] == '-' ? 1 : 0;
        if (start == text.Length)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
