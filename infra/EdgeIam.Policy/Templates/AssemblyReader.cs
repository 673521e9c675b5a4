using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeIam.Policy.Model;
using EdgeIam.Shared;

namespace EdgeIam.Policy.Templates;

/// <summary>
/// Loads the EdgeIam stacks of a cloud assembly: every <c>EdgeIam-&lt;name&gt;.template.json</c>, with each stack's
/// account and region from <c>manifest.json</c> when it has them.
/// </summary>
public static partial class AssemblyReader
{
    internal const string StackPrefix = "EdgeIam-";
    internal const string TemplateSuffix = ".template.json";

    /// <summary>
    /// Loads the named stacks (<c>dev</c> or <c>EdgeIam-dev</c>), or every stack when none are named.
    /// Throws <see cref="TemplateException"/> for a missing folder, a missing stack or an unreadable file.
    /// </summary>
    public static CloudAssembly Load(string directory, IReadOnlyCollection<string>? stackNames = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new TemplateException(directory, JsonPaths.Root, InputFile.Exists(directory)
                ? "is not a folder; pass the cloud assembly folder (the --out of 'edgeiam synth') as --assembly"
                : "the assembly folder does not exist (run 'edgeiam synth' first, or pass --assembly)");
        }

        // Every entry with the name, not only files: a folder or FIFO so named is then refused by name, not skipped.
        // A nested stack's template (EdgeIam-x.nested.template.json if a CDK ID ever made it so) is part of its parent, not a stack.
        var available = Directory.GetFileSystemEntries(directory, StackPrefix + "*" + TemplateSuffix)
            .Select(Path.GetFileName)
            .Where(f => !f!.EndsWith(NestedStackMerger.NestedTemplateSuffix, StringComparison.Ordinal))
            .Select(f => f![StackPrefix.Length..^TemplateSuffix.Length])
            .Order(StringComparer.Ordinal)
            .ToList();
        List<string> names;
        if (stackNames is { Count: > 0 })
        {
            names = [];
            foreach (var requested in stackNames)
            {
                var name = requested.StartsWith(StackPrefix, StringComparison.Ordinal) ? requested[StackPrefix.Length..] : requested;
                // A stack file with targets makes one stack per target (<name>-<account>-<region>): its name selects them all.
                var matching = available.Contains(name, StringComparer.Ordinal)
                    ? [name]
                    : available.Where(a => IsTargetOf(a, name)).ToList();
                if (matching.Count == 0)
                {
                    throw new TemplateException(Path.Combine(directory, StackPrefix + name + TemplateSuffix), JsonPaths.Root,
                        $"no template for stack \"{requested}\" in {directory} (found: {(available.Count == 0 ? "none" : string.Join(", ", available))})");
                }

                names.AddRange(matching.Where(m => !names.Contains(m, StringComparer.Ordinal)));
            }

            names.Sort(StringComparer.Ordinal);
        }
        else
        {
            names = available;
            if (names.Count == 0)
            {
                throw new TemplateException(directory, JsonPaths.Root, $"no {StackPrefix}<name>{TemplateSuffix} templates in the assembly folder");
            }
        }

        var environments = ReadEnvironments(directory);
        var stacks = names.Select(name =>
        {
            var stackId = StackPrefix + name;
            var environment = environments.TryGetValue(stackId, out var env) ? env : StackEnvironment.Unknown;
            var path = Path.Combine(directory, stackId + TemplateSuffix);
            var bytes = ReadGuarded(path, InputFileLimit.Template);
            RequireObjectRoot(bytes, path, "a CloudFormation template is a JSON object with \"Resources\"");
            return TemplateReader.Read(NestedStackMerger.Merge(bytes, path), path, name, stackId, environment);
        }).ToList();
        return new CloudAssembly(directory, stacks);
    }

    /// <summary>
    /// The template of the stack in <paramref name="templatePath"/> with every nested stack's template merged in, as
    /// UTF-8 JSON: what the engine reads (the file's own bytes when the stack is not nested). For tools that read
    /// resources the engine does not model. Throws <see cref="TemplateException"/> on bad input.
    /// </summary>
    public static byte[] ReadMergedTemplate(string templatePath)
    {
        var bytes = ReadGuarded(templatePath, InputFileLimit.Template);
        RequireObjectRoot(bytes, templatePath, "a CloudFormation template is a JSON object with \"Resources\"");
        return NestedStackMerger.Merge(bytes, templatePath).Utf8Json;
    }

    /// <summary>
    /// How the stack in <paramref name="templatePath"/> is split: each of its template files (its own first, then each
    /// nested stack's, depth first) with the number of resources that file declares (CloudFormation's per-template
    /// quota counts these; a nested stack's <c>AWS::CloudFormation::Stack</c> resource counts in its parent).
    /// Throws <see cref="TemplateException"/> on bad input.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, int>> ResourceCountsByTemplate(string templatePath)
    {
        var bytes = ReadGuarded(templatePath, InputFileLimit.Template);
        RequireObjectRoot(bytes, templatePath, "a CloudFormation template is a JSON object with \"Resources\"");
        return NestedStackMerger.Merge(bytes, templatePath).TemplateFiles;
    }

    /// <summary>
    /// Stack ID to environment from manifest.json; an absent manifest leaves every environment unknown. A manifest
    /// that is there must be what the CDK writes: an object whose <c>artifacts</c> object maps IDs to objects, each
    /// <c>environment</c> a string <c>aws://ACCOUNT/REGION</c>. Anything else is bad input (never silently "unknown").
    /// </summary>
    private static Dictionary<string, StackEnvironment> ReadEnvironments(string directory)
    {
        var result = new Dictionary<string, StackEnvironment>(StringComparer.Ordinal);
        var path = Path.Combine(directory, "manifest.json");
        if (!InputFile.Exists(path))
        {
            return result;
        }

        var bytes = ReadGuarded(path, InputFileLimit.Manifest);
        const string Shape = "a cloud assembly manifest is a JSON object {\"version\": ..., \"artifacts\": {\"<id>\": {...}}}";
        RequireObjectRoot(bytes, path, Shape);
        try
        {
            var duplicates = DuplicateKeyDetector.Find(bytes);
            if (duplicates.Count > 0)
            {
                throw new TemplateException(path, duplicates[0].JsonPath, duplicates[0].Message);
            }

            using var manifest = JsonDocument.Parse(bytes);
            if (!manifest.RootElement.TryGetProperty("artifacts", out var artifacts))
            {
                throw new TemplateException(path, JsonPaths.Root, $"has no \"artifacts\"; {Shape}");
            }

            if (artifacts.ValueKind != JsonValueKind.Object)
            {
                throw new TemplateException(path, "$.artifacts", $"is {JsonKinds.Describe(artifacts.ValueKind)}, not an object; {Shape}");
            }

            foreach (var artifact in artifacts.EnumerateObject())
            {
                var artifactPath = JsonPaths.Property("$.artifacts", artifact.Name);
                if (artifact.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new TemplateException(path, artifactPath, $"is {JsonKinds.Describe(artifact.Value.ValueKind)}, not an object; {Shape}");
                }

                if (!artifact.Value.TryGetProperty("environment", out var env))
                {
                    continue;
                }

                var envPath = JsonPaths.Property(artifactPath, "environment");
                if (env.ValueKind != JsonValueKind.String || !EnvironmentPattern().IsMatch(env.GetString()!))
                {
                    throw new TemplateException(path, envPath,
                        $"is {(env.ValueKind == JsonValueKind.String ? $"\"{env.GetString()}\"" : JsonKinds.Describe(env.ValueKind))}; the CDK writes \"aws://<12-digit account or unknown-account>/<region or unknown-region>\"");
                }

                result[artifact.Name] = StackEnvironment.Parse(env.GetString());
            }
        }
        catch (JsonException ex)
        {
            throw new TemplateException(path, ex.Path ?? JsonPaths.Root, $"not valid JSON: {ex.Message}");
        }

        return result;
    }

    /// <summary>Reads an assembly file through the input guard (regular file, size cap); problems become bad input.</summary>
    private static byte[] ReadGuarded(string path, InputFileLimit limit)
    {
        try
        {
            return InputFile.ReadAllUtf8Bytes(path, limit);
        }
        catch (InputFileException ex)
        {
            throw new TemplateException(path, JsonPaths.Root, ex.Problem);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TemplateException(path, JsonPaths.Root, $"cannot be read: {ex.Message}");
        }
    }

    /// <summary>Throws unless the document's first token opens an object (the rest is checked by the parser).</summary>
    private static void RequireObjectRoot(byte[] bytes, string path, string shape)
    {
        if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new TemplateException(path, JsonPaths.Root, $"is empty, not a JSON object; {shape}");
        }

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        JsonTokenType first;
        try
        {
            first = reader.Read() ? reader.TokenType : JsonTokenType.None;
        }
        catch (JsonException ex)
        {
            throw new TemplateException(path, JsonPaths.Root, $"not valid JSON: {ex.Message}");
        }

        if (first != JsonTokenType.StartObject)
        {
            var what = first switch
            {
                JsonTokenType.StartArray => "an array",
                JsonTokenType.String => "a string",
                JsonTokenType.Number => "a number",
                JsonTokenType.True or JsonTokenType.False => "a boolean",
                JsonTokenType.Null => "null",
                _ => first.ToString(),
            };
            throw new TemplateException(path, JsonPaths.Root, $"is {what}, not a JSON object; {shape}");
        }
    }

    /// <summary>True when <paramref name="stack"/> is <c>&lt;file&gt;-&lt;12-digit account&gt;-&lt;region&gt;</c>: one target of stack file <paramref name="file"/>.</summary>
    private static bool IsTargetOf(string stack, string file) =>
        stack.Length > file.Length + 1 && stack.StartsWith(file + "-", StringComparison.Ordinal) && TargetSuffix().IsMatch(stack.AsSpan(file.Length));

    [GeneratedRegex(@"^-[0-9]{12}-[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TargetSuffix();

    [GeneratedRegex(@"^aws://([0-9]{12}|unknown-account)/([a-z]{2}(-[a-z]+)+-[0-9]+|unknown-region)$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentPattern();
}
