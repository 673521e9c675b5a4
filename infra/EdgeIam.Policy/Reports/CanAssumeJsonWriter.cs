using System.Text.Json;

namespace EdgeIam.Policy.Reports;

/// <summary>
/// <c>can-assume --format json</c>. Field names follow the other reports: <c>stack</c> (stack name), <c>stackId</c>,
/// <c>role</c> (config name), <c>logicalId</c>, <c>jsonPath</c>. <c>formatVersion</c> changes only when a field is
/// renamed or removed, so a pipeline can refuse a shape it does not know.
/// </summary>
internal static class CanAssumeJsonWriter
{
    /// <summary>The version of this JSON shape.</summary>
    public const int FormatVersion = JsonReport.FormatVersion;

    public static void Write(CanAssumeReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        JsonReport.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteHeader("can-assume");
            json.WriteStartObject("summary");
            json.WriteString("text", $"can-assume: {report.RoleDisplayName} in {report.StackId}: {report.Decision} for {report.Principal} ({report.Action})");
            json.WriteEndObject();
            json.WriteString("stack", report.Stack);
            json.WriteString("stackId", report.StackId);
            json.WriteOptionalString("role", report.Role);
            json.WriteString("logicalId", report.LogicalId);
            json.WriteStartObject("request");
            json.WriteString("principal", report.Principal);
            json.WriteString("principalKind", report.PrincipalKind);
            json.WriteString("action", report.Action);
            json.WriteStartObject("context");
            foreach (var (key, values) in report.Context)
            {
                json.WriteStringArray(key, values);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("decision", report.Decision);
            json.WriteBoolean("allowed", report.Allowed);
            json.WriteBoolean("proved", report.Proved);
            json.WriteStringArray("dependsOn", report.DependsOn);
            json.WriteBoolean("refusedBySts", report.RefusedBySts);
            json.WriteBoolean("identityPolicyRequired", report.IdentityPolicyRequired);
            json.WriteStartArray("statements");
            foreach (var statement in report.Statements)
            {
                WriteStatement(json, statement);
            }

            json.WriteEndArray();
            json.WriteObjects("trustedPrincipals", report.TrustedPrincipals, (w, trusted) =>
            {
                w.WriteString("effect", trusted.Effect);
                w.WriteString("statement", trusted.Label);
                w.WriteString("jsonPath", trusted.JsonPath);
                w.WriteStringArray("principals", trusted.Principals);
            });
            json.WriteStringArray("notes", report.Notes);
            json.WriteEndObject();
        });
    }

    private static void WriteStatement(Utf8JsonWriter json, CanAssumeStatement statement)
    {
        json.WriteStartObject();
        json.WriteBoolean("deciding", statement.Deciding);
        json.WriteOptionalString("sid", statement.Sid);
        json.WriteNumber("index", statement.Index);
        json.WriteString("statement", statement.Label);
        json.WriteString("jsonPath", statement.JsonPath);
        json.WriteString("effect", statement.Effect);
        json.WriteString("principalMatch", statement.PrincipalMatch);
        json.WriteBoolean("principalMatched", statement.PrincipalMatched);
        json.WriteBoolean("actionMatched", statement.ActionMatched);
        json.WriteObjects("conditions", statement.Conditions, (w, condition) =>
        {
            w.WriteString("operator", condition.Operator);
            w.WriteString("key", condition.Key);
            w.WriteStringArray("values", condition.Values);
            w.WriteStringArray("requestValues", condition.RequestValues);
            w.WriteBoolean("holds", condition.Holds);
            w.WriteString("outcome", condition.Outcome);
            w.WriteString("explanation", condition.Explanation);
            w.WriteString("jsonPath", condition.JsonPath);
        });
        json.WriteEndObject();
    }
}
