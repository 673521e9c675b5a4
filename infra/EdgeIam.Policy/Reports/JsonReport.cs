using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EdgeIam.Policy.Reports;

/// <summary>Writes indented JSON through a callback, with readable (unescaped) non-ASCII and a final newline.</summary>
internal static class JsonReport
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            write(writer);
        }

        output.Write(Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal));
        output.Write('\n');
    }

    /// <summary>
    /// Every JSON report (check, access, diff, can-assume) shares one model (docs/edgeiam-report.schema.json): this
    /// version changes only when a field is renamed or removed; new fields may appear within a version.
    /// </summary>
    public const int FormatVersion = 1;

    /// <summary><c>"tool": "edgeiam &lt;command&gt;", "formatVersion": 1</c>, first in every JSON report.</summary>
    public static void WriteHeader(this Utf8JsonWriter writer, string command)
    {
        writer.WriteString("$schema", "https://edgeiam.dev/schema/edgeiam-report.schema.json");
        writer.WriteString("tool", "edgeiam " + command);
        writer.WriteNumber("formatVersion", FormatVersion);
    }

    /// <summary>An array of objects, one per item, each written by <paramref name="write"/> between its braces.</summary>
    public static void WriteObjects<T>(this Utf8JsonWriter writer, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStartObject();
            write(writer, item);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void WriteStringArray(this Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    public static void WriteOptionalString(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
