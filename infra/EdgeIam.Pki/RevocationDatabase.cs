using System.Globalization;
using System.Text;
using EdgeIam.Shared;

namespace EdgeIam.Pki;

/// <summary>
/// The revocation database of a dev CA folder: <c>revocations.txt</c>, a text file that only ever grows, one
/// revocation per line, tab-separated: serial (hex) TAB CN TAB revocation time (ISO-8601 UTC) TAB reason (RFC 5280
/// §5.3.1 name, or "unspecified"). Lines starting with '#' and blank lines are comments. A folder made by an older
/// `pki init` has no such file: that is an empty database, created on the first revocation. Every change rewrites
/// the file through a temporary file and a rename, so a crash never leaves half a line.
/// </summary>
public sealed class RevocationDatabase
{
    public const string FileName = "revocations.txt";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private static readonly string Header =
        "# EdgeIam dev CA revocation database (append-only; `edgeiam pki revoke` adds lines, `pki crl` signs them all).\n"
        + "# serial-hex<TAB>common-name<TAB>revoked-at (ISO-8601 UTC)<TAB>reason (RFC 5280 5.3.1 name or unspecified)\n";

    private readonly string _text;

    private RevocationDatabase(string path, string text, IReadOnlyList<Revocation> entries)
    {
        Path = path;
        _text = text;
        Entries = entries;
    }

    public string Path { get; }

    /// <summary>The revocations, in file (= revocation) order.</summary>
    public IReadOnlyList<Revocation> Entries { get; }

    public Revocation? Find(string serial) => Entries.FirstOrDefault(e => e.Serial == serial);

    /// <summary>An empty database file, as `pki init` writes it.</summary>
    public static string EmptyText => Header;

    /// <summary>Reads the database of <paramref name="caDir"/>; throws <see cref="PkiInputException"/> naming file:line.</summary>
    public static RevocationDatabase Load(string caDir)
    {
        var path = System.IO.Path.Combine(caDir, FileName);
        if (!InputFile.Exists(path))
        {
            return new RevocationDatabase(path, "", []);
        }

        var text = InputFile.ReadAllText(path, InputFileLimit.StackInput);
        var entries = new List<Revocation>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var entry = Parse(line, out var problem);
            var at = string.Create(CultureInfo.InvariantCulture, $"{path}:{i + 1}");
            if (entry is null)
            {
                throw new PkiInputException($"{at}: {problem}; fix or restore the line (format: serial-hex TAB CN TAB yyyy-MM-ddTHH:mm:ssZ TAB reason)");
            }

            if (entries.FirstOrDefault(e => e.Serial == entry.Serial) is not null)
            {
                throw new PkiInputException($"{at}: serial {entry.Serial} is listed twice; keep the first line, delete this one");
            }

            entries.Add(entry);
        }

        return new RevocationDatabase(path, text, entries);
    }

    /// <summary>Appends <paramref name="entry"/> (the file is rewritten atomically with the new line at the end).</summary>
    public RevocationDatabase Append(Revocation entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var start = _text.Length == 0 ? Header : _text.EndsWith('\n') ? _text : _text + "\n";
        var text = start + Format(entry) + "\n";
        PkiFiles.WritePublic(Path, text, overwrite: true);
        return new RevocationDatabase(Path, text, [.. Entries, entry]);
    }

    public static string Format(Revocation entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return string.Join('\t', entry.Serial, Clean(entry.CommonName),
            entry.RevokedAt.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture), entry.ReasonName);
    }

    private static Revocation? Parse(string line, out string problem)
    {
        var fields = line.Split('\t');
        if (fields.Length != 4)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"has {fields.Length} tab-separated field(s), want 4");
            return null;
        }

        if (SerialNumbers.TryNormalize(fields[0]) is not { } serial || serial != fields[0])
        {
            problem = $"'{fields[0]}' is not a serial in upper-case hex without leading zeros";
            return null;
        }

        if (!DateTimeOffset.TryParseExact(fields[2], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            problem = $"'{fields[2]}' is not a time like 2026-11-23T12:00:00Z";
            return null;
        }

        if (!RevocationReasons.TryParse(fields[3], out var reason))
        {
            problem = $"'{fields[3]}' is not a reason ({string.Join(", ", RevocationReasons.Names)} or {RevocationReasons.Unspecified})";
            return null;
        }

        problem = "";
        return new Revocation(serial, fields[1], at, reason);
    }

    /// <summary>A CN as one field: tabs, line breaks and other control characters become '?'.</summary>
    private static string Clean(string commonName)
    {
        var builder = new StringBuilder(commonName.Length);
        foreach (var c in commonName)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.Length == 0 ? Revocation.UnknownCommonName : builder.ToString();
    }
}
