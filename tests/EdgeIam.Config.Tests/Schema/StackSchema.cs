using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeIam.Tests.Shared;
using Json.Schema;

namespace EdgeIam.Config.Tests.Schema;

/// <summary>
/// The stack-file JSON Schema as JsonSchema.Net evaluates it: every file of stacks/schema registered under its
/// <c>$id</c>, so the relative <c>$ref</c>s between them resolve offline, as they do for an editor that opens the
/// files from disk.
/// </summary>
internal sealed class StackSchema
{
    private static readonly Lazy<StackSchema> Shared = new(() => new StackSchema(Path.GetDirectoryName(RepositoryPaths.Schema)!));

    private readonly JsonSchema _root;

    private StackSchema(string directory)
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var files = Directory.GetFiles(directory, "*.schema.json").Order(StringComparer.Ordinal).ToList();
        JsonSchema? root = null;
        foreach (var file in files)
        {
            var schema = JsonSchema.FromFile(file, options);
            if (Path.GetFileName(file) == Path.GetFileName(RepositoryPaths.Schema))
            {
                root = schema;
            }
        }

        _root = root ?? throw new InvalidOperationException("no " + RepositoryPaths.Schema);
    }

    public static StackSchema Instance => Shared.Value;

    /// <summary>
    /// The keywords on the way to every error for <paramref name="instance"/>: the error's own keyword and each step
    /// of its evaluation path (<c>/properties/tags/propertyNames/not</c>). Errors of alternatives that another
    /// alternative makes up for count too: this is a coverage measure, not a verdict.
    /// </summary>
    public IReadOnlySet<string> FailingKeywords(JsonNode? instance)
    {
        var results = _root.Evaluate(JsonSerializer.SerializeToElement(instance), new EvaluationOptions { OutputFormat = OutputFormat.List });
        var failing = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).ToList();
        return failing.SelectMany(d => d.Errors!.Keys.Concat(d.EvaluationPath.ToString().Split('/')))
            .Where(k => k.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The schema's errors for <paramref name="instance"/>, as "location: message" lines; empty when valid.</summary>
    public IReadOnlyList<string> Errors(JsonNode? instance)
    {
        var element = JsonSerializer.SerializeToElement(instance);
        var results = _root.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return errors.Count > 0 ? errors : ["invalid"];
    }
}
