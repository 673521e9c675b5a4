using EdgeIam.Policy.Access;

namespace EdgeIam.Policy.Reports;

/// <summary><c>diff --format json</c>.</summary>
internal static class DiffJsonWriter
{
    public static void Write(AccessDiff diff, TextWriter output) => JsonReport.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteHeader("diff");
        json.WriteBoolean("widened", diff.HasWidening);
        json.WriteStartObject("summary");
        json.WriteString("text", diff.Summary);
        json.WriteNumber("changes", diff.Changes.Count);
        foreach (var kind in Enum.GetValues<ChangeKind>())
        {
            json.WriteNumber(DiffTextWriter.Word(kind), diff.Count(kind));
        }

        json.WriteEndObject();
        json.WriteStartArray("changes");
        foreach (var change in diff.Changes)
        {
            json.WriteStartObject();
            json.WriteString("stack", change.Stack);
            json.WriteOptionalString("role", change.ConfigName);
            json.WriteOptionalString("logicalId", change.LogicalId);
            json.WriteString("subject", change.Role);
            json.WriteString("area", change.Area);
            json.WriteString("kind", DiffTextWriter.Word(change.Kind));
            json.WriteBoolean("widens", change.IsWidening);
            json.WriteString("summary", change.Summary);
            json.WriteStringArray("details", change.Details);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });
}
