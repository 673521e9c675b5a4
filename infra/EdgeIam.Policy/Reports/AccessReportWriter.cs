using EdgeIam.Policy.Access;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Reports;

/// <summary>Writes <c>access</c> and <c>diff</c> results in the format asked for (text, json, markdown).</summary>
public static class AccessReportWriter
{
    public static void Write(AccessReport report, ReportFormat format, TextWriter output)
    {
        switch (format)
        {
            case ReportFormat.Json:
                AccessJsonWriter.Write(report, output);
                break;
            case ReportFormat.Markdown:
                AccessMarkdownWriter.Write(report, output);
                break;
            default:
                AccessTextWriter.Write(report, output);
                break;
        }
    }

    public static void Write(AccessDiff diff, ReportFormat format, TextWriter output) => Write(diff, format, output, null, null);

    /// <summary>A <c>can-do</c> decision as text or JSON.</summary>
    public static void Write(CanDoReport report, ReportFormat format, TextWriter output)
    {
        switch (format)
        {
            case ReportFormat.Json:
                CanDoJsonWriter.Write(report, output);
                break;
            case ReportFormat.Text:
                CanDoTextWriter.Write(report, output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "can-do writes text or json.");
        }
    }

    /// <summary>
    /// A diff, with the head assembly for Markdown: roles named as the stack file does, their stack-file lines (linked
    /// under <paramref name="linkBase"/>, e.g. https://github.com/acme/edgeiam/blob/&lt;sha&gt;/) and what each widened role can now do.
    /// </summary>
    public static void Write(AccessDiff diff, ReportFormat format, TextWriter output, CloudAssembly? head, string? linkBase)
    {
        switch (format)
        {
            case ReportFormat.Json:
                DiffJsonWriter.Write(diff, output);
                break;
            case ReportFormat.Markdown:
                DiffMarkdownWriter.Write(diff, output, head, linkBase);
                break;
            default:
                DiffTextWriter.Write(diff, output);
                break;
        }
    }
}
