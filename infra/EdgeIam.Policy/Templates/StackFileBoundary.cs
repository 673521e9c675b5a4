using System.Text.Json;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Permissions;

namespace EdgeIam.Policy.Templates;

/// <summary>
/// The document the stack file gives for its customer managed permissions boundary (template Metadata
/// <see cref="EdgeIamMetadata.PermissionsBoundary"/>): the boundary's ARN, the document's path as the stack file
/// writes it, and the document. What the stack file says, not what the account holds.
/// </summary>
internal sealed record StackFileBoundary(string Arn, string File, PolicyDocument Document)
{
    private static readonly string[] Keys = ["arn", "file", "document"];

    /// <summary>
    /// Reads the Metadata entry of <paramref name="root"/>; null without one. Strict: an entry the engine does not
    /// understand in full is a <see cref="TemplateException"/>, never skipped (a skipped document would leave the
    /// boundary unknown without saying why, and a half-read one could prove what the stack file does not say).
    /// </summary>
    public static StackFileBoundary? Read(JsonElement root, string filePath)
    {
        if (!root.TryGetProperty("Metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty(EdgeIamMetadata.PermissionsBoundary, out var entry))
        {
            return null;
        }

        var path = JsonPaths.Property(JsonPaths.Property(JsonPaths.Root, "Metadata"), EdgeIamMetadata.PermissionsBoundary);
        TemplateException Error(string at, string message) =>
            new(filePath, at, message + $" (the {EdgeIamMetadata.PermissionsBoundary} Metadata is written by edgeiam synth from the stack file's permissionsBoundaryDocument; synthesize again instead of editing it)");

        if (entry.ValueKind != JsonValueKind.Object || Keys.Any(k => !entry.TryGetProperty(k, out _)))
        {
            throw Error(path, "must be an object with \"arn\", \"file\" and \"document\"");
        }

        foreach (var property in entry.EnumerateObject())
        {
            if (!Keys.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Error(JsonPaths.Property(path, property.Name), $"unknown key \"{property.Name}\"; the keys are arn, file and document");
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw Error(JsonPaths.Property(path, property.Name), $"\"{property.Name}\" must be a string");
            }
        }

        var arn = entry.GetProperty("arn").GetString()!;
        var file = entry.GetProperty("file").GetString()!;
        try
        {
            return new StackFileBoundary(arn, file, BoundaryDocument.Parse(entry.GetProperty("document").GetString()!));
        }
        catch (PolicyParseException ex)
        {
            throw Error(JsonPaths.Property(path, "document"), $"the boundary document of {arn} ({file}) is not a boundary policy: {string.Join("; ", ex.Errors)}");
        }
    }
}
