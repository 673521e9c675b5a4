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

    /// <summary>
    /// A Mermaid node label: <c>#</c> starts an entity code, quotes end the label and brackets a shape, so each becomes
    /// a numeric entity (<c>#35;</c>, https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters).
    /// <c>#</c> goes first, so the entities written after it stay entities: <c>refs/heads/fix#1</c> renders as written.
    /// </summary>
    public static string MermaidLabel(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c is '#' or '"' or '<' or '>' or '[' or ']' or '(' or ')' or '{' or '}' or '|' or '`'
                ? "#" + ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture) + ";"
                : c.ToString());
        }

        return escaped.ToString();
    }
}
