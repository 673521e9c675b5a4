using Amazon.CDK;
using EdgeIam.Config.Stack;

namespace EdgeIam.Infrastructure.Iam;

/// <summary>
/// Writes the stack file's permissions boundary document into the template's Metadata
/// (<see cref="PermissionsBoundaryDocument.MetadataKey"/>) with the ARN it belongs to, so <c>edgeiam can-do</c>,
/// <c>access</c> and <c>check</c> can evaluate the customer managed boundary from the cloud assembly alone.
/// CloudFormation keeps template Metadata as is
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/metadata-section-structure.html); it deploys no
/// policy: the boundary stays the one the account holds.
/// </summary>
internal static class PermissionsBoundaryMetadata
{
    public static void AddTo(Stack stack, PermissionsBoundaryDocument document)
    {
        var metadata = stack.TemplateOptions.Metadata is { } existing ? new Dictionary<string, object>(existing) : [];
        metadata[PermissionsBoundaryDocument.MetadataKey] = document.ToMetadata().ToDictionary(p => p.Key, p => (object)p.Value!.GetValue<string>());
        stack.TemplateOptions.Metadata = metadata;
    }
}
