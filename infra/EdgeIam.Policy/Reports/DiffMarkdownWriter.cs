using EdgeIam.Policy.Access;

namespace EdgeIam.Policy.Reports;

/// <summary><c>diff --format markdown</c>: a PR comment, widening first and flagged.</summary>
internal static class DiffMarkdownWriter
{
    public static void Write(AccessDiff diff, TextWriter output)
    {
        output.WriteLine("## EdgeIam access diff");
        output.WriteLine();
        if (diff.Changes.Count == 0)
        {
            output.WriteLine("No access changes.");
            return;
        }

        var widening = diff.Changes.Count(c => c.IsWidening);
        output.WriteLine(widening > 0
            ? $"> [!WARNING]\n> **Access widened** in {widening} place(s). Review the rows marked **widened**/**added**."
            : "No access was widened.");
        output.WriteLine();
        output.WriteLine($"{diff.Summary["access diff: ".Length..]}");
        output.WriteLine();
        output.WriteLine("| Change | Stack | Role | Area | What |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var change in diff.Changes.OrderBy(c => c.IsWidening ? 0 : 1))
        {
            var kind = change.IsWidening ? $"**{DiffTextWriter.Word(change.Kind)}**" : DiffTextWriter.Word(change.Kind);
            var details = change.Details.Count == 0 ? string.Empty : "<br>" + string.Join("<br>", change.Details.Select(Markdown.CodeCell));
            output.WriteLine($"| {kind} | {change.Stack} | {Markdown.Cell(change.Role)} | {change.Area} | {Markdown.Cell(change.Summary)}{details} |");
        }
    }
}
