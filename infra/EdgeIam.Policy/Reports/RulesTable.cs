using EdgeIam.Policy.Rules;

namespace EdgeIam.Policy.Reports;

/// <summary>The rules table of docs/policy-engine.md, generated from <see cref="RuleCatalog"/> (a test keeps the doc in sync).</summary>
internal static class RulesTable
{
    public const string Begin = "<!-- BEGIN RULES (generated from RuleCatalog; a test keeps this in sync) -->";
    public const string End = "<!-- END RULES -->";

    public static string Markdown()
    {
        var lines = new List<string>
        {
            "| ID | Severity | Rule | Fix |",
            "|---|---|---|---|",
        };
        lines.AddRange(RuleCatalog.All.Select(r => r.Descriptor).Select(d =>
            $"| [{d.Id}]({d.HelpUri}) | {CheckTextWriter.Level(d.Severity)} | {Reports.Markdown.Cell(d.Title)} | {Reports.Markdown.Cell(d.Fix)} |"));
        return string.Join('\n', lines);
    }
}
