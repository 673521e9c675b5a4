using System.Text.Json;
using EdgeIam.Config.Diagnostics;
using EdgeIam.Policy.Model;
using EdgeIam.Shared;

namespace EdgeIam.Config.Placement;

/// <summary>
/// A stack file's lock file (<c>&lt;name&gt;.lock.json</c> beside <c>&lt;name&gt;.yaml</c>): for each CloudFormation
/// stack the file makes, which template each role and fleet lives in. Written by synth, committed with the stack file,
/// read strictly: anything but what synth writes is an error, never a silently different placement.
/// </summary>
public static class PlacementLock
{
    public const int Version = 1;
    private const string About = "Written by edgeiam synth; commit it with the stack file. It keeps every role and fleet in the template it was first placed in: CloudFormation replaces an IAM role that moves to another template, which ends its live sessions. See README, \"Past 500 resources\".";
    private static readonly string[] Sections = [PlacementItems.Fleets, PlacementItems.OidcRoles, PlacementItems.CrossAccountRoles, PlacementItems.RolesAnywhereRoles];

    /// <summary>The lock file of a stack file.</summary>
    public static string PathFor(string stackFile) =>
        Path.Combine(Path.GetDirectoryName(stackFile) ?? "", Path.GetFileNameWithoutExtension(stackFile) + ".lock.json");

    /// <summary>
    /// The placements <paramref name="path"/> records, by CloudFormation stack name (item key to template); null when
    /// there is no lock file. Every problem is a diagnostic; with any, the result is null and synth must stop.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>? Read(string path, ConfigDiagnostics diagnostics) =>
        Read(path, diagnostics, out _);

    /// <summary>As <see cref="Read(string, ConfigDiagnostics)"/>, with the bytes read (null when there is no lock file or it was refused), so synth can tell whether the lock it would write is the same without reading it again.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>? Read(string path, ConfigDiagnostics diagnostics, out byte[]? bytesRead)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        bytesRead = null;
        if (!InputFile.Exists(path))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = InputFile.ReadAllUtf8Bytes(path, InputFileLimit.PlacementLock);
        }
        catch (InputFileException ex)
        {
            diagnostics.Add(Error(path, 0, 0, "", ex.Problem));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Error(path, 0, 0, "", $"cannot be read: {ex.Message}"));
            return null;
        }

        var errors = new List<ConfigDiagnostic>();
        var result = Parse(bytes, path, errors);
        foreach (var error in errors)
        {
            diagnostics.Add(error);
        }

        if (errors.Count > 0)
        {
            return null;
        }

        bytesRead = bytes;
        return result;
    }

    /// <summary>The bytes synth writes for <paramref name="placements"/> (by CloudFormation stack name): sorted, stable.</summary>
    public static byte[] Render(IReadOnlyDictionary<string, TemplatePlacement> placements)
    {
        ArgumentNullException.ThrowIfNull(placements);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("about", About);
            json.WriteNumber("version", Version);
            json.WriteStartObject("stacks");
            foreach (var (stack, placement) in placements.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(stack);
                foreach (var group in placement.Assignments.GroupBy(a => a.Value).OrderBy(g => g.Key))
                {
                    json.WriteStartArray(TemplatePlacement.TemplateName(group.Key));
                    foreach (var key in group.Select(a => a.Key).Order(StringComparer.Ordinal))
                    {
                        json.WriteStringValue(key);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static Dictionary<string, IReadOnlyDictionary<string, int>>? Parse(byte[] bytes, string path, List<ConfigDiagnostic> errors)
    {
        const string Fix = "restore the file synth wrote (git checkout), or delete it and synth again: without a lock, synth places items afresh, which can move roles that are deployed (they are then replaced).";
        JsonDocument document;
        try
        {
            var duplicates = DuplicateKeyDetector.Find(bytes);
            if (duplicates.Count > 0)
            {
                errors.Add(Error(path, 0, 0, duplicates[0].JsonPath, duplicates[0].Message + ".", Fix));
                return null;
            }

            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            errors.Add(Error(path, (int)(ex.LineNumber ?? -1) + 1, (int)(ex.BytePositionInLine ?? -1) + 1, "", $"is not valid JSON: {ex.Message}", Fix));
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(Error(path, 0, 0, "$", $"is {JsonKinds.Describe(root.ValueKind)}, not the object synth writes.", Fix));
                return null;
            }

            foreach (var property in root.EnumerateObject().Where(p => p.Name is not ("about" or "version" or "stacks")))
            {
                errors.Add(Error(path, 0, 0, "$." + property.Name, "is not a key of a lock file (about, version, stacks).", Fix));
            }

            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != Version)
            {
                errors.Add(Error(path, 0, 0, "$.version", $"must be {Version}; this edgeiam reads lock files of version {Version} only.", Fix));
            }

            if (!root.TryGetProperty("stacks", out var stacks) || stacks.ValueKind != JsonValueKind.Object)
            {
                errors.Add(Error(path, 0, 0, "$.stacks", "must be an object of CloudFormation stack names.", Fix));
                return null;
            }

            var result = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
            foreach (var stack in stacks.EnumerateObject())
            {
                var stackPath = $"$.stacks[\"{stack.Name}\"]";
                if (stack.Value.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(Error(path, 0, 0, stackPath, $"is {JsonKinds.Describe(stack.Value.ValueKind)}, not an object of templates.", Fix));
                    continue;
                }

                var items = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var template in stack.Value.EnumerateObject())
                {
                    var templatePath = $"{stackPath}.{template.Name}";
                    if (TemplatePlacement.ParseTemplateName(template.Name) is not { } index)
                    {
                        errors.Add(Error(path, 0, 0, templatePath, $"'{template.Name}' is not a template name (top, Shard1, Shard2, ...).", Fix));
                        continue;
                    }

                    if (template.Value.ValueKind != JsonValueKind.Array)
                    {
                        errors.Add(Error(path, 0, 0, templatePath, $"is {JsonKinds.Describe(template.Value.ValueKind)}, not a list of items.", Fix));
                        continue;
                    }

                    var i = 0;
                    foreach (var item in template.Value.EnumerateArray())
                    {
                        var itemPath = $"{templatePath}[{i++}]";
                        var key = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
                        if (key is null || !IsItemKey(key))
                        {
                            errors.Add(Error(path, 0, 0, itemPath, $"{(key is null ? JsonKinds.Describe(item.ValueKind) : $"'{key}'")} is not an item (<{string.Join("|", Sections)}>/<name>).", Fix));
                        }
                        else if (items.TryGetValue(key, out var other))
                        {
                            errors.Add(Error(path, 0, 0, itemPath, $"'{key}' is placed twice ({TemplatePlacement.TemplateName(other)} and {template.Name}); an item lives in one template.", Fix));
                        }
                        else
                        {
                            items[key] = index;
                        }
                    }
                }

                result[stack.Name] = items;
            }

            return result;
        }
    }

    private static bool IsItemKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < key.Length - 1 && Sections.Contains(key[..slash], StringComparer.Ordinal);
    }

    private static ConfigDiagnostic Error(string file, int line, int column, string keyPath, string message, string fix = "") =>
        new(DiagnosticSeverity.Error, file, line, column, keyPath, message, fix);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> through a temporary file, so a killed synth leaves the old lock or the new one.</summary>
    public static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
