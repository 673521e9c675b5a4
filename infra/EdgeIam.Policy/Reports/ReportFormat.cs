namespace EdgeIam.Policy.Reports;

/// <summary>Output formats of the reports; not every report offers SARIF.</summary>
public enum ReportFormat
{
    Text,
    Json,
    Sarif,
    Markdown,
}
