namespace EdgeIam.Policy.Reports;

/// <summary>Writes a <see cref="CheckReport"/> in any format.</summary>
public static class CheckReportWriter
{
    public static void Write(CheckReport report, ReportFormat format, TextWriter output)
    {
        switch (format)
        {
            case ReportFormat.Json:
                CheckJsonWriter.Write(report, output);
                break;
            case ReportFormat.Sarif:
                CheckSarifWriter.Write(report, output);
                break;
            case ReportFormat.Markdown:
                CheckMarkdownWriter.Write(report, output);
                break;
            default:
                CheckTextWriter.Write(report, output);
                break;
        }
    }
}
