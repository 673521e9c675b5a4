using System.Globalization;
using System.Numerics;
using EdgeIam.Shared;

namespace EdgeIam.Pki;

/// <summary>
/// <c>crlnumber</c> in a dev CA folder: the number and the entry count of the last CRL `pki crl` signed. The next CRL
/// gets a higher number (RFC 5280 §5.2.3: CRL numbers increase monotonically) and must list at least as many
/// certificates, because a revocation must never quietly disappear. A folder made by an older `pki init` has no such
/// file; that `pki crl` numbered CRLs by seconds since the epoch, so numbering then starts there to stay increasing.
/// </summary>
public sealed record CrlState(BigInteger LastNumber, int LastCount, bool Exists)
{
    public const string FileName = "crlnumber";

    private const string Header =
        "# EdgeIam dev CA CRL state: number and entry count of the last CRL `edgeiam pki crl` signed. Do not lower them.\n";

    /// <summary>The state of a fresh CA: no CRL yet.</summary>
    public static CrlState Initial { get; } = new(BigInteger.Zero, 0, true);

    public static CrlState Load(string caDir)
    {
        var path = Path.Combine(caDir, FileName);
        if (!InputFile.Exists(path))
        {
            return new CrlState(BigInteger.Zero, 0, false);
        }

        BigInteger? number = null;
        int? count = null;
        var lines = InputFile.ReadAllText(path, InputFileLimit.Pem).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var at = string.Create(CultureInfo.InvariantCulture, $"{path}:{i + 1}");
            if (parts.Length == 2 && parts[0] == "last-number" && BigInteger.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                number = n;
            }
            else if (parts.Length == 2 && parts[0] == "last-count" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var c))
            {
                count = c;
            }
            else
            {
                throw new PkiInputException($"{at}: '{line}' is not 'last-number N' or 'last-count N'; restore the file from the last CRL (openssl crl -noout -crlnumber)");
            }
        }

        return number is { } last && count is { } listed
            ? new CrlState(last, listed, true)
            : throw new PkiInputException($"{path}: needs both a 'last-number N' and a 'last-count N' line");
    }

    /// <summary>The number of the next CRL: one more than the last, or (older folders) the seconds since the epoch.</summary>
    public BigInteger NextNumber(DateTimeOffset now) => Exists ? LastNumber + 1 : BigInteger.Max(LastNumber + 1, now.ToUnixTimeSeconds());

    public string Text() => Header + string.Create(CultureInfo.InvariantCulture, $"last-number {LastNumber}\nlast-count {LastCount}\n");

    public void Save(string caDir, bool overwrite = true) => PkiFiles.WritePublic(Path.Combine(caDir, FileName), Text(), overwrite);
}
