using System.Text.Json.Nodes;
using EdgeIam.Policy.Model;

namespace EdgeIam.Config.Stack;

/// <summary>
/// The document of the stack's customer managed permissions boundary, given by <c>permissionsBoundaryDocument</c> so
/// the permission side can evaluate the boundary (it lives in the account, not in the template). Checked at load by
/// the engine's rules; it is what the stack file says, which EdgeIam cannot compare with the account offline.
/// </summary>
/// <param name="Arn">The boundary's ARN (<c>permissionsBoundary</c>): the engine uses the document only for roles whose boundary is literally this ARN.</param>
/// <param name="File">The document's path as the stack file writes it (relative to the stack file, or absolute).</param>
/// <param name="Json">The policy document as compact JSON (whitespace removed, nothing else changed).</param>
public sealed record PermissionsBoundaryDocument(string Arn, string File, string Json)
{
    /// <summary>The template Metadata key synth writes the document under (one format, owned by the policy engine).</summary>
    public const string MetadataKey = EdgeIamMetadata.PermissionsBoundary;

    /// <summary>The Metadata value: <c>{"arn", "file", "document"}</c>, all strings, the document as JSON text so it reaches the engine exactly.</summary>
    public JsonObject ToMetadata() => new() { ["arn"] = Arn, ["file"] = File, ["document"] = Json };
}
