using System.Text.Json;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Assertions;

/// <summary>
/// Reads the template's <c>edgeiam:assertions</c> Metadata (written by synth from the assertions file). Strict: an
/// entry the engine does not understand in full is a <see cref="TemplateException"/>, never skipped: a skipped
/// assertion would pass silently.
/// </summary>
internal static class AssertionReader
{
    private static readonly string[] Kinds =
    [
        EdgeIamMetadata.CanAssume, EdgeIamMetadata.CannotAssume, EdgeIamMetadata.OnlyAccounts,
        EdgeIamMetadata.OnlyRolesTrust, EdgeIamMetadata.WebIdentityPins, EdgeIamMetadata.NoRoleAcceptsTrustAnchor,
        EdgeIamMetadata.CanDo, EdgeIamMetadata.CannotDo,
    ];

    /// <summary>The assertions of a JSON array in the Metadata form (given instead of the template's own).</summary>
    public static IReadOnlyList<AccessAssertion> ReadArray(string json, string filePath)
    {
        try
        {
            using var document = JsonDocument.Parse("{\"Metadata\": {\"" + EdgeIamMetadata.Assertions + "\": " + json + "}}");
            return Read(document.RootElement, filePath);
        }
        catch (JsonException ex)
        {
            throw new TemplateException(filePath, JsonPaths.Root, "the assertions are not valid JSON: " + ex.Message);
        }
    }

    public static IReadOnlyList<AccessAssertion> Read(JsonElement root, string filePath)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty(EdgeIamMetadata.Assertions, out var list))
        {
            return [];
        }

        var path = JsonPaths.Property(JsonPaths.Property(JsonPaths.Root, "Metadata"), EdgeIamMetadata.Assertions);
        var reader = new EntryReader(filePath);
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw reader.Error(path, "must be an array of assertions");
        }

        var assertions = new List<AccessAssertion>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = JsonPaths.Index(path, index++);
            var assertion = reader.Entry(item, itemPath);
            if (!ids.Add(assertion.Id))
            {
                throw reader.Error(itemPath, $"assertion ID '{assertion.Id}' appears twice");
            }

            assertions.Add(assertion);
        }

        return assertions;
    }

    private sealed class EntryReader(string filePath)
    {
        public TemplateException Error(string jsonPath, string message) =>
            new(filePath, jsonPath, message + " (the edgeiam:assertions Metadata is written by edgeiam synth; synthesize again instead of editing it)");

        public AccessAssertion Entry(JsonElement item, string path)
        {
            Keys(item, path, ["id", "why", "source", .. Kinds]);
            var id = String(item, "id", path)!;
            var why = String(item, "why", path, optional: true);
            var source = Source(item, path);
            var kinds = Kinds.Where(k => item.TryGetProperty(k, out _)).ToList();
            if (kinds.Count != 1)
            {
                throw Error(path, $"needs exactly one of {string.Join(", ", Kinds)} (has {(kinds.Count == 0 ? "none" : string.Join(", ", kinds))})");
            }

            var kind = kinds[0];
            var body = item.GetProperty(kind);
            var bodyPath = JsonPaths.Property(path, kind);
            switch (kind)
            {
                case EdgeIamMetadata.CanAssume or EdgeIamMetadata.CannotAssume:
                    Keys(body, bodyPath, ["role", "principal", "action", "context", "device"]);
                    var device = body.TryGetProperty("device", out var d) ? Device(d, JsonPaths.Property(bodyPath, "device")) : null;
                    var principal = String(body, "principal", bodyPath, optional: true);
                    if ((device is null) == (principal is null))
                    {
                        throw Error(bodyPath, "needs exactly one of \"principal\" and \"device\"");
                    }

                    return new AssumeAssertion(id, why, source, path, kind == EdgeIamMetadata.CanAssume, String(body, "role", bodyPath)!, principal,
                        String(body, "action", bodyPath, optional: true), Context(body, bodyPath), device);
                case EdgeIamMetadata.CanDo or EdgeIamMetadata.CannotDo:
                    return Permission(id, why, source, path, kind == EdgeIamMetadata.CanDo, body, bodyPath);
                case EdgeIamMetadata.OnlyAccounts:
                    Keys(body, bodyPath, ["accounts", "organizations"]);
                    return new OnlyAccountsAssertion(id, why, source, path, Strings(body, "accounts", bodyPath, optional: true), Strings(body, "organizations", bodyPath, optional: true));
                case EdgeIamMetadata.OnlyRolesTrust:
                    Keys(body, bodyPath, ["principal", "roles"]);
                    return new OnlyRolesTrustAssertion(id, why, source, path, String(body, "principal", bodyPath)!, Strings(body, "roles", bodyPath, optional: true));
                case EdgeIamMetadata.WebIdentityPins:
                    Keys(body, bodyPath, ["claims"]);
                    var claims = Strings(body, "claims", bodyPath);
                    return claims.Count == 0 ? throw Error(bodyPath, "\"claims\" is empty") : new WebIdentityPinsAssertion(id, why, source, path, claims);
                default:
                    Keys(body, bodyPath, ["trustAnchor"]);
                    return new NoRoleAcceptsTrustAnchorAssertion(id, why, source, path, String(body, "trustAnchor", bodyPath)!);
            }
        }

        private PermissionAssertion Permission(string id, string? why, StackFileLine source, string path, bool mustAllow, JsonElement body, string bodyPath)
        {
            Keys(body, bodyPath, ["role", "assumableBy", "permissionSet", "session", "action", "resource", "context"]);
            var role = String(body, "role", bodyPath, optional: true);
            var permissionSet = String(body, "permissionSet", bodyPath, optional: true);
            AssumeCaller? caller = null;
            if (body.TryGetProperty("assumableBy", out var by))
            {
                var byPath = JsonPaths.Property(bodyPath, "assumableBy");
                Keys(by, byPath, ["principal", "action", "context", "device"]);
                var device = by.TryGetProperty("device", out var d) ? Device(d, JsonPaths.Property(byPath, "device")) : null;
                var principal = String(by, "principal", byPath, optional: true);
                if ((device is null) == (principal is null))
                {
                    throw Error(byPath, "needs exactly one of \"principal\" and \"device\"");
                }

                if (device is not null && by.TryGetProperty("action", out _))
                {
                    throw Error(JsonPaths.Property(byPath, "action"), "a device's request is fixed; \"action\" goes with \"principal\" only");
                }

                caller = new AssumeCaller(principal, String(by, "action", byPath, optional: true), Context(by, byPath), device);
            }

            if ((role is null ? 0 : 1) + (caller is null ? 0 : 1) + (permissionSet is null ? 0 : 1) != 1)
            {
                throw Error(bodyPath, "needs exactly one of \"role\", \"assumableBy\" and \"permissionSet\"");
            }

            var session = String(body, "session", bodyPath, optional: true);
            if (permissionSet is not null && session is not null)
            {
                throw Error(JsonPaths.Property(bodyPath, "session"), "a permission set's session is its own; \"session\" goes with \"role\" or \"assumableBy\" only");
            }

            return new PermissionAssertion(id, why, source, path, mustAllow, role, caller, session,
                String(body, "action", bodyPath)!, String(body, "resource", bodyPath)!, Context(body, bodyPath))
            {
                PermissionSet = permissionSet,
            };
        }

        private DeviceRequest Device(JsonElement device, string path)
        {
            Keys(device, path, ["trustAnchor", "commonName"]);
            return new DeviceRequest(String(device, "trustAnchor", path)!, String(device, "commonName", path, optional: true));
        }

        private List<KeyValuePair<string, IReadOnlyList<string>>> Context(JsonElement body, string path)
        {
            if (!body.TryGetProperty("context", out var context))
            {
                return [];
            }

            var contextPath = JsonPaths.Property(path, "context");
            if (context.ValueKind != JsonValueKind.Object)
            {
                throw Error(contextPath, "must be an object of condition keys");
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var entries = new List<KeyValuePair<string, IReadOnlyList<string>>>();
            foreach (var key in context.EnumerateObject())
            {
                if (key.Name.Length == 0 || !seen.Add(key.Name))
                {
                    throw Error(contextPath, key.Name.Length == 0 ? "an empty condition key" : $"condition key '{key.Name}' appears twice (keys ignore case)");
                }

                entries.Add(new(key.Name, Strings(context, key.Name, contextPath)));
            }

            return entries;
        }

        private StackFileLine Source(JsonElement item, string path)
        {
            if (!item.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, "needs a \"source\" object (file, line, column)");
            }

            var sourcePath = JsonPaths.Property(path, "source");
            Keys(source, sourcePath, ["file", "line", "column"]);
            return new StackFileLine(String(source, "file", sourcePath)!, Positive(source, "line", sourcePath), Positive(source, "column", sourcePath));
        }

        private int Positive(JsonElement obj, string key, string path) =>
            obj.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n > 0
                ? n
                : throw Error(JsonPaths.Property(path, key), "must be a positive whole number");

        private void Keys(JsonElement obj, string path, string[] allowed)
        {
            if (obj.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, "must be an object");
            }

            foreach (var property in obj.EnumerateObject())
            {
                if (!allowed.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw Error(JsonPaths.Property(path, property.Name), $"unknown key (known: {string.Join(", ", allowed)})");
                }
            }
        }

        private string? String(JsonElement obj, string key, string path, bool optional = false)
        {
            if (!obj.TryGetProperty(key, out var value))
            {
                return optional ? null : throw Error(JsonPaths.Property(path, key), "is missing");
            }

            return value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0
                ? value.GetString()
                : throw Error(JsonPaths.Property(path, key), "must be a non-empty string");
        }

        private List<string> Strings(JsonElement obj, string key, string path, bool optional = false)
        {
            if (!obj.TryGetProperty(key, out var value))
            {
                return optional ? [] : throw Error(JsonPaths.Property(path, key), "is missing");
            }

            var listPath = JsonPaths.Property(path, key);
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw Error(listPath, "must be an array of strings");
            }

            var items = new List<string>();
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length == 0)
                {
                    throw Error(JsonPaths.Index(listPath, items.Count), "must be a non-empty string");
                }

                items.Add(item.GetString()!);
            }

            return items;
        }
    }
}
