using System.Text.Json.Nodes;

namespace EdgeIam.Policy.Tests.Support;

/// <summary>
/// Moves resources of a template into a nested stack the way the CDK would: references from the moved resources to
/// the parent become nested Parameters the parent passes, references from the parent to moved resources become
/// <c>Fn::GetAtt [Nested, "Outputs.X"]</c>. Handles Ref and Fn::GetAtt (the shipped templates use no Fn::Sub).
/// </summary>
internal static class NestedStackMover
{
    public static (JsonObject Parent, JsonObject Nested) Move(JsonObject template, IReadOnlySet<string> moved, string nestedId, string nestedFile)
    {
        var parent = (JsonObject)template.DeepClone();
        var resources = (JsonObject)parent["Resources"]!;
        var nestedResources = new JsonObject();
        foreach (var id in moved)
        {
            var resource = resources[id]!;
            resources.Remove(id);
            nestedResources[id] = resource;
        }

        var parameters = new JsonObject();
        var passed = new JsonObject();
        var outputs = new JsonObject();
        bool IsParentName(string name) => !name.StartsWith("AWS::", StringComparison.Ordinal) && !moved.Contains(name);

        // Inside the nested stack: anything of the parent comes in as a parameter.
        Rewrite(nestedResources, (id, attribute, original) =>
        {
            if (!IsParentName(id))
            {
                return null;
            }

            var name = "referenceto" + Clean(id) + Clean(attribute ?? "Ref");
            parameters[name] = new JsonObject { ["Type"] = "String" };
            passed[name] = original.DeepClone();
            return new JsonObject { ["Ref"] = name };
        });

        // In the parent: anything moved is read from the nested stack's outputs.
        JsonNode? Output(string id, string? attribute, JsonNode original)
        {
            if (!moved.Contains(id))
            {
                return null;
            }

            var name = Clean(nestedId) + Clean(id) + Clean(attribute ?? "Ref");
            outputs[name] = new JsonObject { ["Value"] = original.DeepClone() };
            return new JsonObject { ["Fn::GetAtt"] = new JsonArray(nestedId, "Outputs." + name) };
        }

        Rewrite(resources, Output);
        if (parent["Outputs"] is JsonObject parentOutputs)
        {
            Rewrite(parentOutputs, Output);
        }

        resources[nestedId] = new JsonObject
        {
            ["Type"] = "AWS::CloudFormation::Stack",
            ["Properties"] = new JsonObject { ["Parameters"] = passed, ["TemplateURL"] = "https://example.invalid/" + nestedFile },
            ["Metadata"] = new JsonObject { ["aws:asset:path"] = nestedFile, ["aws:asset:property"] = "TemplateURL" },
        };
        var nested = new JsonObject { ["Resources"] = nestedResources };
        if (parameters.Count > 0)
        {
            nested["Parameters"] = parameters;
        }

        if (outputs.Count > 0)
        {
            nested["Outputs"] = outputs;
        }

        return (parent, nested);
    }

    private static string Clean(string text) => new([.. text.Where(char.IsAsciiLetterOrDigit)]);

    /// <summary>Replaces each Ref / Fn::GetAtt for which <paramref name="replace"/> gives a node.</summary>
    private static void Rewrite(JsonNode node, Func<string, string?, JsonNode, JsonNode?> replace)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[key];
                    if (child is null)
                    {
                        continue;
                    }

                    if (Reference(child) is var (id, attribute) && replace(id, attribute, child) is { } replacement)
                    {
                        obj[key] = replacement;
                    }
                    else if (key == "DependsOn")
                    {
                        continue;
                    }
                    else
                    {
                        Rewrite(child, replace);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not { } child)
                    {
                        continue;
                    }

                    if (Reference(child) is var (id, attribute) && replace(id, attribute, child) is { } replacement)
                    {
                        array[i] = replacement;
                    }
                    else
                    {
                        Rewrite(child, replace);
                    }
                }

                break;
        }
    }

    private static (string Id, string? Attribute)? Reference(JsonNode node)
    {
        if (node is not JsonObject { Count: 1 } obj)
        {
            return null;
        }

        if (obj["Ref"] is JsonValue r && r.TryGetValue<string>(out var name))
        {
            return (name, null);
        }

        return obj["Fn::GetAtt"] switch
        {
            JsonArray { Count: 2 } a when a[0] is JsonValue i && i.TryGetValue<string>(out var id) && a[1] is JsonValue at && at.TryGetValue<string>(out var attribute) => (id, attribute),
            JsonValue s when s.TryGetValue<string>(out var dotted) && dotted.Contains('.', StringComparison.Ordinal) => (dotted[..dotted.IndexOf('.', StringComparison.Ordinal)], dotted[(dotted.IndexOf('.', StringComparison.Ordinal) + 1)..]),
            _ => null,
        };
    }
}
