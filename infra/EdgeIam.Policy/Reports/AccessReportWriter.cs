using EdgeIam.Policy.Access;

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

    public static void Write(AccessDiff diff, ReportFormat format, TextWriter output)
    {
        switch (format)
        {
            case ReportFormat.Json:
                DiffJsonWriter.Write(diff, output);
                break;
            case ReportFormat.Markdown:
                DiffMarkdownWriter.Write(diff, output);
                break;
            default:
                DiffTextWriter.Write(diff, output);
                break;
        }
    }
}
