namespace EdgeIam.Policy.Reports;

/// <summary>
/// Writes a <c>can-assume</c> result in the format asked for: text for people, JSON (with a <c>formatVersion</c>) for
/// pipelines. The format-specific writers are internal; this is the one entry point.
/// </summary>
public static class CanAssumeReportWriter
{
    public static void Write(CanAssumeReport report, ReportFormat format, TextWriter output)
    {
        switch (format)
        {
            case ReportFormat.Json:
                CanAssumeJsonWriter.Write(report, output);
                break;
            case ReportFormat.Text:
                CanAssumeTextWriter.Write(report, output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "can-assume writes text or json.");
        }
    }
}
