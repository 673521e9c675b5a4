namespace EdgeIam.Policy.Reports;

/// <summary><c>check --format json</c>: summary, stacks and findings with rule, location, message and fix.</summary>
internal static class CheckJsonWriter
{
    public static void Write(CheckReport report, TextWriter output) => JsonReport.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteHeader("check");
        json.WriteStartObject("summary");
        json.WriteString("text", report.Summary);
        json.WriteNumber("stacks", report.Stacks.Count);
        json.WriteNumber("roles", report.Stacks.Sum(s => s.RoleCount));
        json.WriteNumber("errors", report.ErrorCount);
        json.WriteNumber("warnings", report.WarningCount);
        json.WriteNumber("notes", report.NoteCount);
        json.WriteNumber("assertions", report.AssertionCount);
        json.WriteNumber("failedAssertions", report.FailedAssertionCount);
        json.WriteEndObject();
        json.WriteStartArray("stacks");
        foreach (var stack in report.Stacks)
        {
            json.WriteStartObject();
            json.WriteString("stack", stack.Name);
            json.WriteString("stackId", stack.StackId);
            json.WriteString("template", stack.TemplateFile);
            json.WriteNumber("roleCount", stack.RoleCount);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.Rule.Id);
            json.WriteString("severity", CheckTextWriter.Level(finding.Severity));
            json.WriteString("title", finding.Rule.Title);
            json.WriteString("stack", finding.Stack);
            json.WriteString("template", finding.TemplateFile);
            json.WriteOptionalString("role", finding.RoleName);
            json.WriteString("logicalId", finding.ResourceLogicalId);
            json.WriteString("jsonPath", finding.JsonPath);
            json.WriteString("message", finding.Message);
            json.WriteString("fix", finding.Rule.Fix);
            json.WriteString("helpUri", finding.Rule.HelpUri);
            json.WriteOptionalString("assertion", finding.AssertionId);
            if (finding.SourceLine is { } source)
            {
                WriteSource(json, source);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("assertions");
        foreach (var result in report.Assertions)
        {
            json.WriteStartObject();
            json.WriteString("stack", result.Stack);
            json.WriteString("id", result.Assertion.Id);
            json.WriteString("kind", result.Assertion.Kind);
            json.WriteBoolean("held", result.Held);
            WriteSource(json, result.Assertion.Source);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteSource(System.Text.Json.Utf8JsonWriter json, StackFileLine source)
    {
        json.WriteStartObject("source");
        json.WriteString("file", source.File);
        json.WriteNumber("line", source.Line);
        json.WriteNumber("column", source.Column);
        json.WriteEndObject();
    }
}
