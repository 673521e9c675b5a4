using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using EdgeIam.Config.Assertions;
using EdgeIam.Policy.Model;

namespace EdgeIam.Infrastructure.Assertions;

/// <summary>
/// Writes the stack's access assertions into the template's Metadata (<c>edgeiam:assertions</c>), so a cloud assembly
/// carries what its owners expect and <c>edgeiam check</c> proves it from the assembly alone. CloudFormation keeps
/// template Metadata as is (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/metadata-section-structure.html).
/// </summary>
internal static class AssertionsMetadata
{
    public static void AddTo(Stack stack, AssertionsConfig assertions)
    {
        var entries = assertions.Assertions.Select(a => Plain(a.ToMetadata(assertions.File))).ToArray();
        var metadata = stack.TemplateOptions.Metadata is { } existing ? new Dictionary<string, object>(existing) : [];
        metadata[EdgeIamMetadata.Assertions] = entries;
        stack.TemplateOptions.Metadata = metadata;
    }

    /// <summary>JSON as the plain values jsii marshals (maps, arrays, strings, numbers, booleans), key order kept.</summary>
    private static object Plain(JsonNode? node) => node switch
    {
        JsonObject obj => obj.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray array => array.Select(Plain).ToArray(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<int>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        _ => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"cannot write {node?.GetValueKind()} into template Metadata")),
    };
}
