using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeIam.Policy.Model;
using EdgeIam.Shared;

namespace EdgeIam.Policy.Templates;

/// <summary>
/// Reads a stack that the CDK split into nested stacks (<c>AWS::CloudFormation::Stack</c> resources whose template
/// is a <c>*.nested.template.json</c> file of the assembly) as one template, so the template reader sees every
/// resource of the stack: nested resources join the parent's Resources under their own logical IDs, a nested
/// parameter's <c>Ref</c> becomes the expression the parent passes (or its Default), and a parent's or sibling's
/// <c>Fn::GetAtt [Nested, "Outputs.X"]</c> becomes the output's value. Anything that would make the merged view
/// say less than the templates do throws <see cref="TemplateException"/> naming the file, the JSON path and what to do:
/// a nested template not in the assembly, an output it does not declare, a logical ID in two templates, a cycle,
/// nesting deeper than <see cref="MaximumDepth"/> or a conditional nested stack. A nested parameter that nothing
/// sets stays a Parameter of the merged view, so whatever depends on it is "cannot prove", never proved.
/// </summary>
internal static class NestedStackMerger
{
    public const string NestedStackType = "AWS::CloudFormation::Stack";

    /// <summary>How the CDK names a nested stack's template in the assembly folder.</summary>
    public const string NestedTemplateSuffix = ".nested.template.json";

    /// <summary>Nested stacks inside nested stacks, at most this deep (synth nests one level; a deeper chain is a mistake).</summary>
    public const int MaximumDepth = 4;

    private const string AssetPath = "aws:asset:path";
    private static readonly string[] RewrittenSections = ["Resources", "Conditions", "Outputs"];

    /// <summary>The merged view of the template <paramref name="utf8"/> read from <paramref name="filePath"/>; its own bytes without nested stacks.</summary>
    public static MergedTemplate Merge(byte[] utf8, string filePath)
    {
        // Most stacks have no nested stack: a read-only document tells, and only a split stack is built as a mutable tree.
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var nested = false;
        using (var document = ParseDocument(utf8, filePath))
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("Resources", out var resources)
                && resources.ValueKind == JsonValueKind.Object)
            {
                foreach (var resource in resources.EnumerateObject())
                {
                    owners[resource.Name] = filePath;
                    nested |= resource.Value.ValueKind == JsonValueKind.Object && resource.Value.TryGetProperty("Type", out var type)
                        && type.ValueKind == JsonValueKind.String && type.ValueEquals(NestedStackType);
                }
            }
        }

        return nested ? MergeDocument((JsonObject)JsonNode.Parse(utf8)!, filePath) : new MergedTemplate(utf8, owners, [new(filePath, owners.Count)]);
    }

    /// <summary>Merges <paramref name="root"/> (changed in place) even when it has no nested stack; the result is always re-serialized.</summary>
    internal static MergedTemplate MergeDocument(JsonObject root, string filePath)
    {
        var files = new List<KeyValuePair<string, int>>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var folder = Path.GetDirectoryName(filePath) is { Length: > 0 } dir ? dir : ".";
        var merged = Expand(root, filePath, folder, 0, [Path.GetFullPath(filePath)], files, owners);

        // Every nested output reference must be gone; one left would read as an attribute of a resource of the stack.
        var stacks = owners.Keys.Where(id => merged.Root["Resources"]?[id]?["Type"]?.GetValueKind() == JsonValueKind.String
            && merged.Root["Resources"]![id]!["Type"]!.GetValue<string>() == NestedStackType).ToHashSet(StringComparer.Ordinal);
        var check = new NestedReferenceRewriter(filePath, new Dictionary<string, JsonNode?>(), stacks,
            (id, output, at) => throw new TemplateException(filePath, at, $"reads output {output} of nested stack {id}, which is left unresolved after merging the nested templates; report this as a bug"));
        foreach (var section in RewrittenSections)
        {
            check.Rewrite(merged.Root[section], JsonPaths.Property(JsonPaths.Root, section));
        }

        return new MergedTemplate(Encoding.UTF8.GetBytes(merged.Root.ToJsonString()), owners, files);
    }

    private static bool IsNestedStack(JsonNode? resource) =>
        resource is JsonObject r && r["Type"] is JsonValue type && type.TryGetValue<string>(out var t) && t == NestedStackType;

    /// <summary>
    /// <paramref name="root"/> with its nested stacks merged in (recursively), its own and its nested stacks'
    /// references to each other rewritten; its own Parameters are still references for its parent to fill.
    /// </summary>
    private static ExpandedTemplate Expand(JsonObject root, string file, string folder, int depth, IReadOnlyList<string> chain,
        List<KeyValuePair<string, int>> files, Dictionary<string, string> owners)
    {
        var resources = root["Resources"] switch
        {
            JsonObject r => r,
            null => null,
            _ => throw new TemplateException(file, "$.Resources", "\"Resources\" must be an object of resources"),
        };
        files.Add(new(file, resources?.Count ?? 0));
        foreach (var (id, _) in resources ?? [])
        {
            if (owners.TryGetValue(id, out var other))
            {
                throw new TemplateException(file, JsonPaths.Property("$.Resources", id),
                    $"logical ID {id} is also a resource of {other}; the engine reads the stack's templates as one and cannot tell the two apart. Give them distinct IDs (the CDK does, unless an ID is overridden)");
            }

            owners[id] = file;
        }

        var ownParameters = (root["Parameters"] as JsonObject)?.Select(p => p.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var nested = new List<NestedStack>();
        foreach (var (id, node) in resources?.ToList() ?? [])
        {
            if (!IsNestedStack(node))
            {
                continue;
            }

            var path = JsonPaths.Property("$.Resources", id);
            var resource = (JsonObject)node!;
            if (resource.ContainsKey("Condition"))
            {
                throw new TemplateException(file, JsonPaths.Property(path, "Condition"),
                    $"nested stack {id} is deployed only under a condition; the engine cannot tell whether its resources exist and does not read conditional nested stacks. Keep nested stacks unconditional (put the condition on the resources inside)");
            }

            if (depth + 1 > MaximumDepth)
            {
                throw new TemplateException(file, path,
                    string.Create(CultureInfo.InvariantCulture, $"nested stack {id} is nested {depth + 1} levels deep; the engine reads at most {MaximumDepth} (chain: {string.Join(" -> ", chain.Select(Path.GetFileName))})"));
            }

            var childFile = NestedTemplateFile(resource, id, file, folder, path);
            var full = Path.GetFullPath(childFile);
            if (chain.Contains(full, StringComparer.Ordinal))
            {
                throw new TemplateException(file, JsonPaths.Property(JsonPaths.Property(path, "Metadata"), AssetPath),
                    $"nested stack {id} deploys {Path.GetFileName(childFile)}, which contains it (cycle: {string.Join(" -> ", chain.Append(full).Select(Path.GetFileName))}); CloudFormation cannot deploy this");
            }

            var childRoot = ReadNested(childFile, id, file);
            RefuseStackMetadata(childRoot, childFile);
            var child = Expand(childRoot, childFile, folder, depth + 1, [.. chain, full], files, owners);
            var passed = resource["Properties"]?["Parameters"] switch
            {
                JsonObject p => p,
                null => [],
                _ => throw new TemplateException(file, JsonPaths.Property(JsonPaths.Property(path, "Properties"), "Parameters"), "must be an object of parameter values"),
            };
            nested.Add(new NestedStack(id, path, child, passed));
        }

        if (nested.Count == 0)
        {
            return new ExpandedTemplate(root, file, ownParameters);
        }

        new NestedStackLinker(file, nested).Link();

        // The parent's own references to nested outputs, before nested resources join it (errors then name this file).
        var own = new NestedReferenceRewriter(file, new Dictionary<string, JsonNode?>(), nested.Select(n => n.LogicalId).ToHashSet(StringComparer.Ordinal), (id, output, at) => NestedStackLinker.OutputOf(nested, file, id, output, at));
        foreach (var section in RewrittenSections)
        {
            own.Rewrite(root[section], JsonPaths.Property(JsonPaths.Root, section));
        }

        foreach (var stack in nested)
        {
            Join(root, file, stack);
        }

        return new ExpandedTemplate(root, file, ownParameters);
    }

    /// <summary>Moves a linked nested template's resources, conditions, mappings and still-open parameters into <paramref name="root"/>.</summary>
    private static void Join(JsonObject root, string file, NestedStack stack)
    {
        var child = stack.Template.Root;
        var resources = (JsonObject)root["Resources"]!;
        foreach (var (id, resource) in (child["Resources"] as JsonObject)?.ToList() ?? [])
        {
            ((JsonObject)child["Resources"]!).Remove(id);
            resources[id] = resource;
        }

        foreach (var section in new[] { "Conditions", "Mappings" })
        {
            switch (child[section])
            {
                case null:
                    continue;
                case JsonObject entries:
                    foreach (var (name, value) in entries.ToList())
                    {
                        entries.Remove(name);
                        Add(root, section, name, value, stack.Template.File, file);
                    }

                    break;
                default:
                    throw new TemplateException(stack.Template.File, JsonPaths.Property(JsonPaths.Root, section), $"\"{section}\" must be an object");
            }
        }

        foreach (var (name, value) in (child["Parameters"] as JsonObject)?.ToList() ?? [])
        {
            if (stack.Substituted.Contains(name))
            {
                continue;
            }

            ((JsonObject)child["Parameters"]!).Remove(name);
            if (resources.ContainsKey(name))
            {
                throw new TemplateException(stack.Template.File, JsonPaths.Property("$.Parameters", name), $"parameter {name} has the logical ID of a resource of the stack; the merged templates could not tell them apart");
            }

            Add(root, "Parameters", name, value, stack.Template.File, file);
        }

        foreach (var name in stack.StandIns)
        {
            Add(root, "Parameters", name, new JsonObject
            {
                ["Type"] = "String",
                ["Description"] = $"Stands for a pseudo parameter of nested stack {stack.LogicalId}, whose value CloudFormation chooses at deploy time.",
            }, stack.Template.File, file);
        }
    }

    private static void Add(JsonObject root, string section, string name, JsonNode? value, string from, string into)
    {
        if (root[section] is not JsonObject entries)
        {
            root[section] = entries = [];
        }

        if (entries.ContainsKey(name))
        {
            throw new TemplateException(from, JsonPaths.Property(JsonPaths.Property(JsonPaths.Root, section), name),
                $"{section} entry {name} is also in {into}; the engine reads the stack's templates as one and cannot tell the two apart. Give them distinct names");
        }

        entries[name] = value;
    }

    /// <summary>The nested stack's template: the <c>aws:asset:path</c> the CDK writes, a plain <c>*.nested.template.json</c> file name of the assembly folder.</summary>
    private static string NestedTemplateFile(JsonObject resource, string id, string file, string folder, string path)
    {
        var metadataPath = JsonPaths.Property(JsonPaths.Property(path, "Metadata"), AssetPath);
        if (resource["Metadata"]?[AssetPath] is not JsonValue value || !value.TryGetValue<string>(out var name))
        {
            throw new TemplateException(file, path,
                $"nested stack {id} does not say which template of the assembly it deploys (no Metadata \"{AssetPath}\"), so the engine cannot read its resources. Synthesize with the CDK's asset metadata on (context aws:cdk:enable-asset-metadata, the default); a nested template from outside the assembly cannot be checked");
        }

        var plain = name.Length > 0 && name == Path.GetFileName(name) && name.IndexOfAny(['/', '\\', ':']) < 0 && !name.Any(char.IsControl)
            && name.EndsWith(NestedTemplateSuffix, StringComparison.Ordinal) && !Path.IsPathRooted(name);
        if (!plain)
        {
            throw new TemplateException(file, metadataPath,
                $"is \"{name}\"; a nested stack's template must be a <name>{NestedTemplateSuffix} file directly in the assembly folder ({folder}), as the CDK writes it. Synthesize again instead of editing the template");
        }

        var childFile = Path.Combine(folder, name);
        if (new FileInfo(childFile).LinkTarget is { } target)
        {
            throw new TemplateException(childFile, JsonPaths.Root, $"is a symbolic link to '{target}'; the CDK writes nested templates as files in the assembly (nested stack {id} of {file})");
        }

        return childFile;
    }

    private static JsonObject ReadNested(string childFile, string id, string parentFile)
    {
        byte[] bytes;
        try
        {
            bytes = InputFile.ReadAllUtf8Bytes(childFile, InputFileLimit.Template);
        }
        catch (InputFileException ex)
        {
            throw new TemplateException(childFile, JsonPaths.Root, $"{ex.Problem}; it is the template of nested stack {id} in {parentFile} (synthesize again: the assembly is incomplete)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TemplateException(childFile, JsonPaths.Root, $"cannot read the template of nested stack {id} in {parentFile}: {ex.Message}");
        }

        return Parse(bytes, childFile) as JsonObject
            ?? throw new TemplateException(childFile, JsonPaths.Root, $"is not a JSON object; the template of nested stack {id} in {parentFile} must be a CloudFormation template");
    }

    /// <summary>EdgeIam's stack-level Metadata (assertions, boundary document) is read from the parent only; in a nested template it would be ignored.</summary>
    private static void RefuseStackMetadata(JsonObject root, string file)
    {
        if (root["Metadata"] is JsonObject metadata && metadata.FirstOrDefault(m => m.Key.StartsWith(EdgeIamMetadata.Namespace, StringComparison.OrdinalIgnoreCase)) is { Key: { } key })
        {
            throw new TemplateException(file, JsonPaths.Property("$.Metadata", key),
                $"is stack Metadata of a nested template; EdgeIam reads {key} only from the parent stack's template, so here it would be ignored. Write it on the parent stack");
        }
    }

    /// <summary>Parses a template as the reader does: duplicate keys and invalid JSON are bad input with file and path.</summary>
    internal static JsonNode? Parse(byte[] utf8, string filePath) => Checked(utf8, filePath, () => JsonNode.Parse(utf8));

    private static JsonDocument ParseDocument(byte[] utf8, string filePath) => Checked(utf8, filePath, () => JsonDocument.Parse(utf8));

    private static T Checked<T>(byte[] utf8, string filePath, Func<T> parse)
    {
        try
        {
            var duplicates = DuplicateKeyDetector.Find(utf8);
            if (duplicates.Count > 0)
            {
                throw new TemplateException(filePath, duplicates[0].JsonPath, duplicates[0].Message);
            }

            return parse();
        }
        catch (JsonException ex)
        {
            throw new TemplateException(filePath, ex.Path ?? JsonPaths.Root, $"not valid JSON (line {(ex.LineNumber + 1)?.ToString(CultureInfo.InvariantCulture)}): {ex.Message}");
        }
    }
}
