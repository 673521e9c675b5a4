using System.Text.Json.Nodes;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Templates;

/// <summary>
/// Rewrites the references that cross a nested stack's boundary in one template's JSON, in place:
/// <c>{"Ref": P}</c> and <c>${P}</c> in <c>Fn::Sub</c> for each substituted name P (a nested parameter the parent
/// passes), and <c>Fn::GetAtt [Nested, "Outputs.X"]</c> (array, dotted string or <c>${Nested.Outputs.X}</c> in
/// <c>Fn::Sub</c>) for the nested stacks of the template. Replacements are copies, so one expression can be used
/// many times. A reference it cannot rewrite exactly throws <see cref="TemplateException"/>: a reference left
/// behind would read as a resource of the parent, with an identity it does not have.
/// </summary>
internal sealed class NestedReferenceRewriter
{
    /// <summary>Answers a nested output reference with its value in the parent; throws for an output that is not there.</summary>
    public delegate JsonNode OutputLookup(string nestedLogicalId, string outputName, string jsonPath);

    private const string OutputsPrefix = "Outputs.";
    private readonly string _filePath;
    private readonly IReadOnlyDictionary<string, JsonNode?> _substitutions;
    private readonly IReadOnlySet<string> _nestedStacks;
    private readonly OutputLookup? _outputs;

    /// <param name="filePath">The file the rewritten JSON comes from (for errors).</param>
    /// <param name="substitutions">Names whose <c>Ref</c> becomes a copy of the value (parameters, pseudo parameters).</param>
    /// <param name="nestedStacks">Logical IDs of the nested stacks whose outputs <paramref name="outputs"/> answers.</param>
    /// <param name="outputs">Null when no output reference is expected; one found then throws.</param>
    public NestedReferenceRewriter(string filePath, IReadOnlyDictionary<string, JsonNode?> substitutions, IReadOnlySet<string> nestedStacks, OutputLookup? outputs)
    {
        _filePath = filePath;
        _substitutions = substitutions;
        _nestedStacks = nestedStacks;
        _outputs = outputs;
    }

    /// <summary>The rewritten node: <paramref name="node"/> itself (changed in place) or a replacement without a parent.</summary>
    public JsonNode? Rewrite(JsonNode? node, string jsonPath)
    {
        switch (node)
        {
            case JsonObject { Count: 1 } single when single.First() is var (key, argument):
                if (key == "Ref" && argument is JsonValue refName && refName.TryGetValue<string>(out var name) && _substitutions.TryGetValue(name, out var value))
                {
                    return value?.DeepClone();
                }

                if (key == "Fn::GetAtt" && OutputReference(argument, JsonPaths.Property(jsonPath, key)) is { } output)
                {
                    return output;
                }

                if (key == "Fn::Sub" && RewriteSub(argument, JsonPaths.Property(jsonPath, key)) is { } sub)
                {
                    return sub;
                }

                RewriteChildren(single, jsonPath);
                return single;
            case JsonObject obj:
                RewriteChildren(obj, jsonPath);
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var item = array[i];
                    var rewritten = Rewrite(item, JsonPaths.Index(jsonPath, i));
                    if (!ReferenceEquals(item, rewritten))
                    {
                        array[i] = rewritten;
                    }
                }

                return array;
            default:
                return node;
        }
    }

    private void RewriteChildren(JsonObject obj, string jsonPath)
    {
        // Replacements are set after the walk (the object cannot change while it is enumerated); most objects have none.
        List<(string Key, JsonNode? Value)>? replaced = null;
        foreach (var (key, child) in obj)
        {
            var rewritten = Rewrite(child, JsonPaths.Property(jsonPath, key));
            if (!ReferenceEquals(child, rewritten))
            {
                (replaced ??= []).Add((key, rewritten));
            }
        }

        foreach (var (key, value) in replaced ?? [])
        {
            obj[key] = value;
        }
    }

    /// <summary>The value of <c>Fn::GetAtt [Nested, "Outputs.X"]</c> or <c>"Nested.Outputs.X"</c>; null for any other GetAtt.</summary>
    private JsonNode? OutputReference(JsonNode? argument, string jsonPath)
    {
        string? id;
        string? attribute;
        switch (argument)
        {
            case JsonArray { Count: 2 } pair when pair[0] is JsonValue first && first.TryGetValue<string>(out id):
                if (!_nestedStacks.Contains(id))
                {
                    return null;
                }

                if (pair[1] is not JsonValue second || !second.TryGetValue<string>(out attribute))
                {
                    throw new TemplateException(_filePath, jsonPath,
                        $"reads an attribute of nested stack {id} that is not a literal \"Outputs.<name>\"; the engine cannot tell which output it is (synthesize with the CDK, which writes the output name)");
                }

                break;
            case JsonValue text when text.TryGetValue<string>(out var dotted) && dotted.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot:
                id = dotted[..dot];
                attribute = dotted[(dot + 1)..];
                if (!_nestedStacks.Contains(id))
                {
                    return null;
                }

                break;
            case JsonArray { Count: > 0 } other when other[0] is JsonValue head && head.TryGetValue<string>(out var target) && _nestedStacks.Contains(target):
                throw new TemplateException(_filePath, jsonPath, $"Fn::GetAtt of nested stack {target} must be [\"{target}\", \"Outputs.<name>\"]");
            default:
                return null;
        }

        return Output(id, attribute, jsonPath);
    }

    private JsonNode Output(string id, string attribute, string jsonPath)
    {
        if (!attribute.StartsWith(OutputsPrefix, StringComparison.Ordinal) || attribute.Length == OutputsPrefix.Length)
        {
            // A nested stack has no attribute but its outputs (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-stack.html).
            throw new TemplateException(_filePath, jsonPath, $"reads attribute \"{attribute}\" of nested stack {id}; a nested stack only has \"Outputs.<name>\"");
        }

        if (_outputs is null)
        {
            throw new TemplateException(_filePath, jsonPath, $"reads output {attribute} of nested stack {id} where no nested output can be read");
        }

        return _outputs(id, attribute[OutputsPrefix.Length..], jsonPath).DeepClone();
    }

    /// <summary>
    /// An <c>Fn::Sub</c> whose template names a substituted parameter or a nested output becomes the
    /// <c>[template, variables]</c> form with the value as a variable (a variable the map already defines wins,
    /// as in CloudFormation); null when nothing in the template needs it (the map's values are still rewritten).
    /// </summary>
    private JsonObject? RewriteSub(JsonNode? argument, string jsonPath)
    {
        string template;
        JsonObject? variables = null;
        switch (argument)
        {
            case JsonValue text when text.TryGetValue<string>(out var s):
                template = s;
                break;
            case JsonArray { Count: 1 or 2 } array when array[0] is JsonValue first && first.TryGetValue<string>(out var s):
                template = s;
                if (array.Count == 2)
                {
                    variables = array[1] as JsonObject;
                    if (variables is null)
                    {
                        return null;
                    }

                    RewriteChildren(variables, JsonPaths.Index(jsonPath, 1));
                }

                break;
            default:
                return null;
        }

        var added = new List<(string Name, JsonNode? Value)>();
        var rewritten = template;
        var fresh = 0;
        foreach (var name in VariablesIn(template).Distinct(StringComparer.Ordinal))
        {
            if (variables?.ContainsKey(name) == true)
            {
                continue;
            }

            if (_substitutions.TryGetValue(name, out var value))
            {
                added.Add((name, value?.DeepClone()));
                continue;
            }

            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && !name.StartsWith("AWS::", StringComparison.Ordinal) && _nestedStacks.Contains(name[..dot]))
            {
                // The variable stands for the output; its name has no dot, so Fn::Sub reads it as a variable, not a GetAtt.
                string variable;
                do
                {
                    variable = "EdgeIamNestedOutput" + fresh++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                while (template.Contains(variable, StringComparison.Ordinal) || variables?.ContainsKey(variable) == true);

                added.Add((variable, Output(name[..dot], name[(dot + 1)..], jsonPath)));
                rewritten = rewritten.Replace("${" + name + "}", "${" + variable + "}", StringComparison.Ordinal);
            }
        }

        if (added.Count == 0)
        {
            return null;
        }

        var map = variables is null ? [] : (JsonObject)variables.DeepClone();
        foreach (var (name, value) in added)
        {
            map[name] = value;
        }

        return new JsonObject { ["Fn::Sub"] = new JsonArray(JsonValue.Create(rewritten), map) };
    }

    /// <summary>The <c>${Name}</c> variables of an Fn::Sub template, as the intrinsic resolver reads them (<c>${!x}</c> is a literal).</summary>
    internal static IEnumerable<string> VariablesIn(string template)
    {
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("${", i, StringComparison.Ordinal);
            var close = open < 0 ? -1 : template.IndexOf('}', open);
            if (open < 0 || close < 0)
            {
                yield break;
            }

            var name = template.Substring(open + 2, close - open - 2);
            if (!name.StartsWith('!'))
            {
                yield return name;
            }

            i = close + 1;
        }
    }
}
