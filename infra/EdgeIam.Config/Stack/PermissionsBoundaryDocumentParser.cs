using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeIam.Config.Reading;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Permissions;
using EdgeIam.Policy.Rules;
using EdgeIam.Shared;

namespace EdgeIam.Config.Stack;

/// <summary>
/// Reads <c>permissionsBoundaryDocument</c>: the path (relative to the stack file, or absolute) of the JSON document of
/// the stack's customer managed <c>permissionsBoundary</c>. The file goes through the input-file guard (a regular
/// UTF-8 file of at most 1 MiB, <see cref="InputFileLimit.StackInput"/>); its JSON must be a boundary policy by the
/// engine's rules (<see cref="BoundaryDocument"/>: the policy grammar, duplicate keys refused, identity-based) and
/// within IAM's managed policy size, 6,144 characters without whitespace
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). Every problem is reported at the
/// key, all at once.
/// </summary>
internal static class PermissionsBoundaryDocumentParser
{
    public const string Key = "permissionsBoundaryDocument";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="arn">The valid <c>permissionsBoundary</c>, or null when it is absent or was refused.</param>
    public static PermissionsBoundaryDocument? Parse(MappingReader root, string? arn)
    {
        var written = root.String(Key);
        if (written is null)
        {
            return null;
        }

        var errorsBefore = ErrorCount(root);
        if (!root.Has("permissionsBoundary"))
        {
            // Without a boundary there is nothing the document could limit: it is ignored (never evaluated), which
            // cannot widen or narrow any decision, so a warning rather than a refusal (removing the boundary line alone
            // must still synthesize, and `diff` then reports the boundary's removal as widened).
            root.Warning(Key, "a boundary document without `permissionsBoundary` is ignored: no role has a boundary for it to describe",
                "add `permissionsBoundary: arn:aws:iam::<account>:policy/NAME` (the boundary deployed in the account), or remove `permissionsBoundaryDocument`.");
            return null;
        }

        if (arn is not null && arn.Split(':') is [_, _, _, _, "aws", ..])
        {
            root.Error(Key, $"{arn} is an AWS managed policy, whose document EdgeIam reads from its snapshot of AWS managed policies; a boundary document is for a customer managed boundary",
                "remove `permissionsBoundaryDocument`.");
        }

        var of = arn is null ? "the boundary" : arn;
        var fix = $"give the path (relative to the stack file, or absolute) of a JSON file holding the policy document of {of} exactly as deployed in the account; `aws iam get-policy-version --policy-arn ARN --version-id ID --query PolicyVersion.Document` prints it.";
        var text = Read(root, written, fix);
        var json = text is null ? null : Check(root, written, text, fix);
        return json is not null && arn is not null && ErrorCount(root) == errorsBefore ? new PermissionsBoundaryDocument(arn, written, json) : null;
    }

    private static string? Read(MappingReader root, string written, string fix)
    {
        var context = root.Context;
        var full = context.ResolvePath(written);
        if (!context.Files.FileExists(full))
        {
            root.Error(Key, $"boundary document '{written}' does not exist{(full == written ? "" : $" (looked for {full})")}", fix);
            return null;
        }

        try
        {
            return context.Files.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A directory, FIFO, device, oversized or non-UTF-8 file is refused before it is read.
            root.Error(Key, ex is InputFileException refused ? $"boundary document '{written}' {refused.Problem}" : $"boundary document '{written}' cannot be read: {ex.Message}", fix);
            return null;
        }
    }

    /// <summary>The document as compact JSON, or null after reporting every error.</summary>
    private static string? Check(MappingReader root, string written, string text, string fix)
    {
        try
        {
            BoundaryDocument.Parse(text);
        }
        catch (PolicyParseException ex)
        {
            foreach (var error in ex.Errors)
            {
                var at = error.JsonPath == JsonPaths.Root ? string.Empty : $" at {error.JsonPath}";
                root.Error(Key, $"boundary document '{written}'{at}: {error.Message}", fix);
            }

            return null;
        }

        using var parsed = JsonDocument.Parse(text);
        var size = Iam.PolicySize.Measure(parsed.RootElement);
        if (size > IamQuotas.ManagedPolicyCharacters)
        {
            root.Error(Key,
                string.Create(CultureInfo.InvariantCulture, $"boundary document '{written}' is {size} characters without whitespace; IAM allows a managed policy at most {IamQuotas.ManagedPolicyCharacters:N0}"),
                "shorten the document (merge statements, use wildcards in resource names); the limit is IAM's, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html.");
            return null;
        }

        return JsonNode.Parse(text)!.ToJsonString(Compact);
    }

    private static int ErrorCount(MappingReader root) => root.Context.Diagnostics.Items.Count(d => d.IsError);
}
