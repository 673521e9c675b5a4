using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Templates;

/// <summary>
/// Links the nested stacks of one template to it: each nested template's parameter references become what the parent
/// passes (a sibling's output in that becomes the sibling's output value first, so nested-to-nested references
/// through the parent resolve), and each output's value is kept in the parent's terms. Outputs that feed each other
/// in a cycle are bad input, as they are for CloudFormation.
/// </summary>
internal sealed class NestedStackLinker(string file, IReadOnlyList<NestedStack> nested)
{
    private readonly HashSet<string> _linking = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ids = nested.Select(n => n.LogicalId).ToHashSet(StringComparer.Ordinal);

    public void Link()
    {
        foreach (var stack in nested)
        {
            Link(stack);
        }
    }

    /// <summary>The value of output <paramref name="output"/> of linked nested stack <paramref name="id"/>; throws when it has none.</summary>
    public static JsonNode OutputOf(IReadOnlyList<NestedStack> nested, string file, string id, string output, string jsonPath)
    {
        var stack = nested.First(n => n.LogicalId == id);
        if (stack.Outputs is null)
        {
            throw new InvalidOperationException($"nested stack {id} read before it was linked");
        }

        return stack.Outputs.TryGetValue(output, out var value)
            ? value
            : throw new TemplateException(file, jsonPath,
                $"reads output \"{output}\" of nested stack {id}, which {stack.Template.File} does not declare (it declares: {(stack.Outputs.Count == 0 ? "none" : string.Join(", ", stack.Outputs.Keys.Order(StringComparer.Ordinal)))}). Synthesize again so the parent and nested templates match");
    }

    private Dictionary<string, JsonNode> Link(NestedStack stack)
    {
        if (stack.Outputs is { } done)
        {
            return done;
        }

        if (!_linking.Add(stack.LogicalId))
        {
            throw new TemplateException(file, JsonPaths.Property(JsonPaths.Property(stack.JsonPath, "Properties"), "Parameters"),
                $"nested stacks pass each other's outputs in a cycle ({string.Join(" -> ", _linking.Append(stack.LogicalId))}); CloudFormation cannot deploy this");
        }

        var parent = new NestedReferenceRewriter(file, new Dictionary<string, JsonNode?>(), _ids, (id, output, at) => Output(id, output, at));
        var substitutions = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var passedPath = JsonPaths.Property(JsonPaths.Property(stack.JsonPath, "Properties"), "Parameters");
        foreach (var (name, value) in stack.Passed.ToList())
        {
            var at = JsonPaths.Property(passedPath, name);
            if (!stack.Template.OwnParameters.Contains(name))
            {
                throw new TemplateException(file, at,
                    $"passes parameter {name} to nested stack {stack.LogicalId}, whose template {stack.Template.File} does not declare it; CloudFormation refuses this. Synthesize again so the templates match");
            }

            var rewritten = parent.Rewrite(value, at);
            if (!ReferenceEquals(rewritten, value))
            {
                stack.Passed[name] = rewritten;
            }

            substitutions[name] = rewritten;
        }

        var declared = stack.Template.Root["Parameters"] as JsonObject;
        foreach (var name in stack.Template.OwnParameters.Where(p => !substitutions.ContainsKey(p)))
        {
            // CloudFormation gives a parameter the parent does not pass its Default; without one it stays open.
            if (declared?[name] is JsonObject declaration && declaration.TryGetPropertyValue("Default", out var fallback))
            {
                substitutions[name] = fallback;
            }
        }

        stack.Substituted.UnionWith(substitutions.Keys);

        // The nested stack's own name and ID are not the parent's: stand-in parameters keep them unresolved.
        foreach (var pseudo in new[] { "StackName", "StackId" })
        {
            var standIn = stack.LogicalId + pseudo;
            stack.StandIns.Add(standIn);
            substitutions["AWS::" + pseudo] = new JsonObject { ["Ref"] = standIn };
        }

        var child = new NestedReferenceRewriter(stack.Template.File, substitutions, new HashSet<string>(StringComparer.Ordinal), null);
        foreach (var section in new[] { "Resources", "Conditions", "Outputs" })
        {
            child.Rewrite(stack.Template.Root[section], JsonPaths.Property(JsonPaths.Root, section));
        }

        var outputs = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        switch (stack.Template.Root["Outputs"])
        {
            case null:
                break;
            case JsonObject declaredOutputs:
                foreach (var (name, output) in declaredOutputs)
                {
                    outputs[name] = output is JsonObject o && o["Value"] is { } value && value.GetValueKind() != JsonValueKind.Null
                        ? value
                        : throw new TemplateException(stack.Template.File, JsonPaths.Property("$.Outputs", name), "an output needs a \"Value\"");
                }

                break;
            default:
                throw new TemplateException(stack.Template.File, "$.Outputs", "\"Outputs\" must be an object");
        }

        _linking.Remove(stack.LogicalId);
        stack.Outputs = outputs;
        return outputs;
    }

    private JsonNode Output(string id, string output, string jsonPath)
    {
        Link(nested.First(n => n.LogicalId == id));
        return OutputOf(nested, file, id, output, jsonPath);
    }
}
