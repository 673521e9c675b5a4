using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Reports;

/// <summary>docs/policy-engine.md carries the rules table; it must say exactly what RuleCatalog says.</summary>
public sealed class RulesTableTests
{
    [Fact]
    public void Docs_rules_table_matches_the_catalog()
    {
        var path = Path.Combine(Directory.GetParent(FixturePaths.Source())!.Parent!.FullName, "docs", "policy-engine.md");
        var doc = File.ReadAllText(path);
        var start = doc.IndexOf(RulesTable.Begin, StringComparison.Ordinal) + RulesTable.Begin.Length;
        var end = doc.IndexOf(RulesTable.End, StringComparison.Ordinal);
        var expected = "\n" + RulesTable.Markdown() + "\n";
        if (Environment.GetEnvironmentVariable("EDGEIAM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, doc[..start] + expected + doc[end..]);
            return;
        }

        Assert.Equal(expected, doc[start..end]);
    }
}
