using System.Text.RegularExpressions;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.PublicApi;

/// <summary>
/// docs/policy-engine.md's "In-process API" table names the public types of EdgeIam.Policy, namespace by namespace.
/// PublicAPI.Shipped.txt keeps the members honest at build time; this keeps the prose honest: a type made public, made
/// internal or moved without the table changing fails here.
/// </summary>
public sealed partial class InProcessApiDocsTests
{
    [Fact]
    public void The_in_process_API_table_names_exactly_the_exported_types()
    {
        var documented = DocumentedTypes();
        var exported = typeof(PolicyCheck).Assembly.GetExportedTypes().Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(documented);
        Assert.Empty(exported.Except(documented).Order(StringComparer.Ordinal));
        Assert.Empty(documented.Except(exported).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_engine_keeps_fewer_than_sixty_public_types() =>
        Assert.InRange(typeof(PolicyCheck).Assembly.GetExportedTypes().Length, 1, 59);

    private static HashSet<string> DocumentedTypes()
    {
        var path = Path.Combine(Directory.GetParent(FixturePaths.Source())!.Parent!.FullName, "docs", "policy-engine.md");
        var doc = File.ReadAllText(path);
        var start = doc.IndexOf("## In-process API\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/policy-engine.md has no '## In-process API' section");
        var end = doc.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? doc[start..] : doc[start..end];

        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match row in TableRow().Matches(section))
        {
            // Parentheses hold member names (`RunAssembly`, ...), not types.
            var cell = Parenthesized().Replace(row.Groups["types"].Value, string.Empty);
            foreach (Match name in Backticked().Matches(cell))
            {
                types.Add($"{row.Groups["ns"].Value}.{name.Groups[1].Value}");
            }
        }

        return types;
    }

    [GeneratedRegex(@"^\| `(?<ns>EdgeIam\.Policy[\w.]*)` \| (?<types>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesized();

    [GeneratedRegex(@"`([A-Z][\w.]*)`")]
    private static partial Regex Backticked();
}
