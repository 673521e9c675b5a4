using System.Security.Cryptography;

namespace EdgeIam.Pki;

/// <summary>One PEM block: its label (<c>CERTIFICATE</c>, <c>X509 CRL</c>, <c>PRIVATE KEY</c>, …) and decoded bytes.</summary>
public sealed record PemBlock(string Label, byte[] Data);

/// <summary>Reads and writes PEM text (RFC 7468) with the BCL's <see cref="PemEncoding"/>.</summary>
public static class Pem
{
    public const string CertificateLabel = "CERTIFICATE";

    public const string CrlLabel = "X509 CRL";

    /// <summary>Every well-formed PEM block of <paramref name="text"/>, in file order.</summary>
    public static IReadOnlyList<PemBlock> Read(string text)
    {
        var blocks = new List<PemBlock>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            var data = Convert.FromBase64String(rest[fields.Base64Data].ToString());
            blocks.Add(new PemBlock(label, data));
            rest = rest[fields.Location.End..];
        }

        return blocks;
    }

    /// <summary>
    /// True when the text holds any private key armour (PKCS#8, PKCS#1, SEC1, encrypted, OpenSSH), even a malformed
    /// block: a key must never reach a stack file, a template or a repository.
    /// </summary>
    public static bool ContainsPrivateKey(string text) => text.Contains("PRIVATE KEY-----", StringComparison.Ordinal);

    /// <summary>PEM text of <paramref name="data"/>: 64-column base64, LF line ends, no trailing newline.</summary>
    public static string Write(string label, ReadOnlySpan<byte> data) => new(PemEncoding.Write(label, data));

    /// <summary>The certificates of a PEM text (e.g. an intermediates bundle), in file order.</summary>
    public static IReadOnlyList<byte[]> Certificates(string text) =>
        [.. Read(text).Where(b => b.Label == CertificateLabel).Select(b => b.Data)];
}
