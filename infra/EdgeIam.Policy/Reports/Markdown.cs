namespace EdgeIam.Policy.Reports;

/// <summary>Markdown helpers: table cells and inline code that survive pipes, backticks and newlines.</summary>
internal static class Markdown
{
    /// <summary>Text for a table cell or list item: pipes escaped, angle brackets as entities (GitHub would drop them as HTML).</summary>
    public static string Cell(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\n", "<br>", StringComparison.Ordinal);

    /// <summary>Inline code inside a table cell: only pipes need escaping there.</summary>
    public static string CodeCell(string text) => Code(text).Replace("|", "\\|", StringComparison.Ordinal);

    public static string Code(string text) => text.Contains('`', StringComparison.Ordinal) ? $"``{text}``" : $"`{text}`";

    /// <summary>A Mermaid node label: quotes and brackets would end it, so they become entities.</summary>
    public static string MermaidLabel(string text) =>
        text.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal);
}
