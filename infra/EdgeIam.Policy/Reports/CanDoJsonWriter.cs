using System.Text.Json;
using EdgeIam.Policy.Permissions;

namespace EdgeIam.Policy.Reports;

/// <summary><c>can-do --format json</c>: the fields of the other reports (<c>stack</c>, <c>stackId</c>, <c>role</c>, <c>logicalId</c>), the request, the outcome and every layer.</summary>
internal static class CanDoJsonWriter
{
    public static void Write(CanDoReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        JsonReport.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteHeader("can-do");
            json.WriteStartObject("summary");
            json.WriteString("text", $"can-do: {report.Role} in {report.StackId}: {report.Outcome} for {report.Action} on {report.Resource}");
            json.WriteEndObject();
            json.WriteString("stack", report.Stack);
            json.WriteString("stackId", report.StackId);
            json.WriteString("role", report.Role);
            json.WriteString("logicalId", report.LogicalId);
            json.WriteOptionalString("session", report.Session);
            json.WriteStartObject("request");
            json.WriteString("action", report.Action);
            json.WriteString("resource", report.Resource);
            json.WriteStartObject("context");
            foreach (var (key, values) in report.Evaluation.Request.Context.Values)
            {
                json.WriteStringArray(key, values);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("outcome", report.Outcome);
            json.WriteBoolean("allowed", report.Allowed);
            json.WriteBoolean("proved", report.Proved);
            json.WriteObjects("layers", report.Evaluation.Layers, (w, layer) =>
            {
                w.WriteString("layer", layer.Layer.ToString());
                w.WriteBoolean("allows", layer.Allowed);
                w.WriteBoolean("denies", layer.Denied);
                w.WriteBoolean("certain", layer.Certain);
                WriteHits(w, "allowing", layer.Allows);
                WriteHits(w, "denying", layer.Denies);
                WriteHits(w, "perhaps", layer.Perhaps);
                w.WriteObjects("unknown", layer.Unknown, (u, policy) =>
                {
                    u.WriteString("policy", policy.Name);
                    u.WriteString("origin", policy.Origin);
                    u.WriteString("reason", policy.Unknown ?? string.Empty);
                });
            });
            json.WriteObjects("conditionalAllows", report.Evaluation.ConditionalAllows, (w, hit) =>
            {
                WriteHit(w, hit);
                w.WriteStringArray("missing", [.. hit.MissingKeyConditions.Select(CanDoReport.Describe)]);
            });
            json.WriteEndObject();
        });
    }

    private static void WriteHits(Utf8JsonWriter json, string name, IReadOnlyList<StatementHit> hits) => json.WriteObjects(name, hits, WriteHit);

    private static void WriteHit(Utf8JsonWriter json, StatementHit hit)
    {
        json.WriteString("policy", hit.Policy.Name);
        json.WriteString("origin", hit.Policy.Origin);
        json.WriteString("effect", hit.Statement.Effect.ToString());
        json.WriteOptionalString("sid", hit.Statement.Sid);
        json.WriteString("statement", hit.Statement.Label);
        json.WriteString("jsonPath", hit.Statement.JsonPath);
    }
}
