namespace EdgeIam.Policy.Reports;

/// <summary><c>check --format markdown</c>: a summary line and one table row per finding.</summary>
internal static class CheckMarkdownWriter
{
    public static void Write(CheckReport report, TextWriter output)
    {
        output.WriteLine("## EdgeIam policy check");
        output.WriteLine();
        output.WriteLine($"**{report.Summary["policy check: ".Length..]}**");
        output.WriteLine();
        if (report.Findings.Count == 0)
        {
            output.WriteLine("No findings.");
        }
        else
        {
            WriteFindings(report, output);
        }

        if (report.Assertions.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("| Assertion | Stack | Kind | Result | Written at |");
            output.WriteLine("|---|---|---|---|---|");
            foreach (var a in report.Assertions)
            {
                output.WriteLine($"| {Markdown.CodeCell(a.Assertion.Id)} | {a.Stack} | {a.Assertion.Kind} | {(a.Held ? "held" : "**failed**")} | "
                    + $"{Markdown.CodeCell($"{a.Assertion.Source.File}:{a.Assertion.Source.Line}")} |");
            }
        }
    }

    private static void WriteFindings(CheckReport report, TextWriter output)
    {
        output.WriteLine("| Severity | Rule | Stack | Resource | Finding | Fix |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var f in report.Findings)
        {
            output.WriteLine($"| {CheckTextWriter.Level(f.Severity)} | [{f.Rule.Id}]({f.Rule.HelpUri}) | {f.Stack} | {Markdown.Cell(f.Subject)} | "
                + $"{Markdown.Cell(f.Message)}<br>{Markdown.CodeCell(f.JsonPath)} | {Markdown.Cell(f.Rule.Fix)} |");
        }
    }
}
