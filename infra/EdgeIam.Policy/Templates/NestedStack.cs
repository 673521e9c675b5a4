using System.Text.Json.Nodes;

namespace EdgeIam.Policy.Templates;

/// <summary>
/// A nested stack of one template while it is merged: its <c>AWS::CloudFormation::Stack</c> resource (logical ID,
/// JSON path, the parameters the parent passes) and its expanded template; <see cref="NestedStackLinker"/> fills in
/// the rest.
/// </summary>
internal sealed class NestedStack(string logicalId, string jsonPath, ExpandedTemplate template, JsonObject passed)
{
    public string LogicalId { get; } = logicalId;

    public string JsonPath { get; } = jsonPath;

    public ExpandedTemplate Template { get; } = template;

    /// <summary>The parent's <c>Properties.Parameters</c> of the nested stack resource.</summary>
    public JsonObject Passed { get; } = passed;

    /// <summary>Parameters of the nested template given a value (passed by the parent or their Default).</summary>
    public HashSet<string> Substituted { get; } = new(StringComparer.Ordinal);

    /// <summary>Parameters the merged view adds for the nested stack's own pseudo parameters (AWS::StackName, AWS::StackId).</summary>
    public List<string> StandIns { get; } = [];

    /// <summary>Output name to its value in the parent's terms; null until linked.</summary>
    public Dictionary<string, JsonNode>? Outputs { get; set; }
}
