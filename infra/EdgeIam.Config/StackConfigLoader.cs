using System.Text.RegularExpressions;
using EdgeIam.Config.Diagnostics;
using EdgeIam.Config.Reading;
using EdgeIam.Config.Stack;
using EdgeIam.Shared;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EdgeIam.Config;

/// <summary>What a load produced: the valid stacks and every diagnostic (errors and warnings) of every file.</summary>
public sealed record StackLoadResult(IReadOnlyList<StackConfig> Stacks, IReadOnlyList<ConfigDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Loads stack files into <see cref="StackConfig"/> records. Every file is read and checked in full, so one run
/// reports every problem; nothing downstream re-reads YAML.
/// </summary>
public sealed partial class StackConfigLoader
{
    private readonly TimeProvider _time;
    private readonly IFileSource _files;

    public StackConfigLoader(TimeProvider time, IFileSource? files = null)
    {
        _time = time;
        _files = files ?? PhysicalFileSource.Instance;
    }

    /// <summary>
    /// Loads <c>*.yaml</c> of <paramref name="configDirectory"/>; when <paramref name="only"/> is non-empty, just
    /// those stacks (each must exist).
    /// </summary>
    public StackLoadResult LoadDirectory(string configDirectory, IReadOnlyCollection<string> only)
    {
        var diagnostics = new ConfigDiagnostics();
        var all = _files.StackFiles(configDirectory);
        var files = all.Where(f => !IsAssertionsFile(f)).ToList();
        foreach (var orphan in all.Where(IsAssertionsFile).Where(a => !files.Contains(StackFileOf(a), StringComparer.Ordinal)))
        {
            // A warning, not an error: with no stack nothing is deployed that the assertions could be about, but a
            // misnamed file would otherwise check nothing without a word.
            diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Warning, orphan, 0, 0, "",
                $"assertions for a stack that does not exist (no {Path.GetFileName(StackFileOf(orphan))} next to it); they are not checked",
                "rename it after its stack file (<name>.assertions.yaml beside <name>.yaml), or delete it."));
        }

        var available = files.Select(f => Path.GetFileNameWithoutExtension(f)).ToList();
        if (files.Count == 0)
        {
            diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, configDirectory, 0, 0, "",
                "no stack files (*.yaml) found", "point --config-dir at the folder holding dev.yaml, prod.yaml, ..."));
            return new StackLoadResult([], diagnostics.Items);
        }

        var selected = new List<string>();
        foreach (var name in only.Distinct(StringComparer.Ordinal))
        {
            var index = available.IndexOf(name);
            if (index < 0)
            {
                var nearest = KeySuggester.Nearest(name, available);
                diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, Path.Combine(configDirectory, name + ".yaml"), 0, 0, "",
                    $"stack '{name}' does not exist",
                    (nearest is not null ? $"did you mean '{nearest}'? " : "") + $"Stacks here: {string.Join(", ", available)}."));
            }
            else
            {
                selected.Add(files[index]);
            }
        }

        if (only.Count == 0)
        {
            selected.AddRange(files);
        }

        var stacks = new List<StackConfig>();
        foreach (var file in selected)
        {
            stacks.AddRange(Load(file, diagnostics));
        }

        Federation.OidcProviderOwnership.Check(stacks, diagnostics);
        StackNameCollisions.Check(stacks, diagnostics);
        // Quotas hold across every stack file of an account, so they are checked on the stacks loaded together.
        QuotaCheck.Check(stacks, diagnostics);
        return new StackLoadResult(stacks, diagnostics.Items);
    }

    /// <summary>Loads one stack file (one stack, or one per target); the stack name is the file name.</summary>
    public StackLoadResult LoadFile(string path)
    {
        var diagnostics = new ConfigDiagnostics();
        var stacks = Load(path, diagnostics);
        QuotaCheck.Check(stacks, diagnostics);
        return new StackLoadResult(stacks, diagnostics.Items);
    }

    /// <summary>
    /// Loads an assertions file on its own (for <c>check --assertions</c>, e.g. the merge base's file): every shape
    /// rule applies; role and anchor names are left to the engine, which fails an assertion naming what is not there.
    /// </summary>
    public (Assertions.AssertionsConfig? Assertions, IReadOnlyList<ConfigDiagnostic> Diagnostics) LoadAssertionsFile(string path)
    {
        var diagnostics = new ConfigDiagnostics();
        if (!_files.FileExists(path))
        {
            diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, path, 0, 0, "", "file not found", "check the path given to --assertions."));
            return (null, diagnostics.Items);
        }

        var assertions = LoadAssertions(path, null, diagnostics);
        return (diagnostics.HasErrors ? null : assertions, diagnostics.Items);
    }

    /// <summary>
    /// Loads one stack file: one stack, or one per entry of its <c>targets:</c> (each target's document is the file
    /// with the target's account, region and overrides merged in, checked by every rule). An error that every target
    /// shares is reported once; the others name their target.
    /// </summary>
    private IReadOnlyList<StackConfig> Load(string file, ConfigDiagnostics diagnostics)
    {
        var context = new ConfigContext(file, diagnostics, _time, _files);
        var before = diagnostics.Items.Count(d => d.IsError);
        var name = Path.GetFileNameWithoutExtension(file);
        if (!StackNamePattern().IsMatch(name))
        {
            // CloudFormation stack names: [A-Za-z][-A-Za-z0-9]*, at most 128 characters (EdgeIam- prefix included).
            context.Error(null, "", $"stack name '{name}' (from the file name) is not usable in a CloudFormation stack name",
                "rename the file to start with a letter and use only letters, digits and hyphens (at most 100).");
        }

        var text = ReadText(file, context);
        var root = text is null ? null : ParseYaml(text, context);
        if (root is null)
        {
            return [];
        }

        var targets = root is YamlMappingNode mapping && mapping.Children.ContainsKey(new YamlScalarNode(TargetsParser.Key))
            ? ReadTargets(mapping, context, name)
            : null;
        if (targets is null)
        {
            var stack = LoadDocument(file, root, context, name, null, before);
            return stack is null ? [] : [stack];
        }

        // One fresh copy of the document per target: the merge changes it in place.
        var perTarget = new List<(StackTarget Target, string Label, IReadOnlyList<ConfigDiagnostic> Diagnostics)>();
        var stacks = new List<StackConfig>();
        foreach (var entry in targets)
        {
            var local = new ConfigDiagnostics();
            var targetContext = new ConfigContext(file, local, _time, _files);
            var document = (YamlMappingNode)ParseYaml(text!, targetContext)!;
            var targetNode = (YamlMappingNode)((YamlSequenceNode)document.Children[new YamlScalarNode(TargetsParser.Key)]).Children[entry.Index];
            document.Children.Remove(new YamlScalarNode(TargetsParser.Key));
            foreach (var key in new[] { "account", "region" })
            {
                var own = targetNode.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key);
                if (own.Key is not null)
                {
                    document.Children[own.Key] = own.Value;
                }
            }

            if (targetNode.Children.TryGetValue(new YamlScalarNode(TargetsParser.OverridesKey), out var overrides))
            {
                OverrideMerge.Apply(targetContext, document, overrides, entry.KeyPath + "." + TargetsParser.OverridesKey);
            }

            var target = new StackTarget(entry.Index, new Federation.SourcePosition(file, (int)entry.Node.Start.Line, (int)entry.Node.Start.Column, entry.KeyPath));
            var stack = LoadDocument(file, document, targetContext, name, target, 0);
            if (stack is not null)
            {
                stacks.Add(stack);
            }

            perTarget.Add((target, entry.Account + "/" + entry.Region, local.Items));
        }

        TargetDiagnostics.Combine(perTarget.Select(t => (t.Label, t.Diagnostics)).ToList(), diagnostics);
        return diagnostics.Items.Count(d => d.IsError) == before ? stacks : [];
    }

    /// <summary>The usable targets of the file, after checking the list (errors in the file's context); null when it has no <c>targets</c>.</summary>
    private static IReadOnlyList<TargetsParser.Entry>? ReadTargets(YamlMappingNode root, ConfigContext context, string name)
    {
        // A reader of its own: the top level's unknown keys and positions are the per-target parse's business.
        var scratch = new ConfigContext(context.File, context.Diagnostics, context.Time, context.Files);
        var reader = MappingReader.From(scratch, root, "", StackFileParser.Keys)!;
        return TargetsParser.Parse(reader, name);
    }

    /// <summary>Parses one document (the file, or a target's merged copy) and its assertions; null when it has errors.</summary>
    private StackConfig? LoadDocument(string file, YamlNode root, ConfigContext context, string name, StackTarget? target, int before)
    {
        var diagnostics = context.Diagnostics;
        var reader = MappingReader.From(context, root, "", StackFileParser.Keys);
        if (reader is null)
        {
            return null;
        }

        var stack = StackFileParser.Parse(reader, name, target);
        reader.ReportUnknownKeys();
        // The assertions file is read even when the stack file has errors, so both files' errors come out at once;
        // its names are only checked against a stack that loaded cleanly (a half-read stack would misreport them).
        var assertions = LoadAssertions(AssertionsFileOf(file), diagnostics.Items.Count(d => d.IsError) == before ? stack : null, diagnostics);
        if (stack is not null)
        {
            stack = stack with { Assertions = assertions };
        }

        var errors = diagnostics.Items.Count(d => d.IsError);
        return errors == before ? stack : null;
    }

    /// <summary>The stack's assertions file, when there is one; checked against the stack it belongs to.</summary>
    private Assertions.AssertionsConfig? LoadAssertions(string file, StackConfig? stack, ConfigDiagnostics diagnostics)
    {
        if (!_files.FileExists(file))
        {
            return null;
        }

        var context = new ConfigContext(file, diagnostics, _time, _files);
        var text = ReadText(file, context);
        var root = text is null ? null : ParseYaml(text, context, "`assertions:` and at least one entry");
        var reader = root is null ? null : MappingReader.From(context, root, "", Assertions.AssertionsFileParser.Keys);
        if (reader is null)
        {
            return null;
        }

        var assertions = Assertions.AssertionsFileParser.Parse(reader, stack);
        reader.ReportUnknownKeys();
        return assertions;
    }

    private static bool IsAssertionsFile(string file) => file.EndsWith(Assertions.AssertionsFileParser.Suffix, StringComparison.Ordinal);

    /// <summary>The stack an assertions file belongs to by its name (<c>prod.assertions.yaml</c> → <c>prod</c>), or null.</summary>
    public static string? StackOfAssertionsFile(string path)
    {
        var name = Path.GetFileName(path);
        return IsAssertionsFile(name) && name.Length > Assertions.AssertionsFileParser.Suffix.Length ? name[..^Assertions.AssertionsFileParser.Suffix.Length] : null;
    }

    private static string StackFileOf(string assertionsFile) => assertionsFile[..^Assertions.AssertionsFileParser.Suffix.Length] + ".yaml";

    /// <summary><c>stacks/prod.yaml</c> → <c>stacks/prod.assertions.yaml</c>, in the form the stack file's path was given.</summary>
    internal static string AssertionsFileOf(string stackFile) =>
        (stackFile.EndsWith(".yaml", StringComparison.Ordinal) ? stackFile[..^".yaml".Length] : stackFile) + Assertions.AssertionsFileParser.Suffix;

    private string? ReadText(string file, ConfigContext context)
    {
        if (!_files.FileExists(file))
        {
            context.Error(null, "", "file not found", "check the path and the --config-dir option.");
            return null;
        }

        try
        {
            return _files.ReadAllText(file);
        }
        catch (IOException ex)
        {
            // A FIFO, device, directory, oversized or non-UTF-8 file: refused before reading, next to the other files' errors.
            context.Error(null, "", ex is InputFileException refused ? refused.Problem : ex.Message,
                "give a regular UTF-8 file of at most 1 MiB.");
            return null;
        }
    }

    private static YamlNode? ParseYaml(string text, ConfigContext context, string holds = "at least `account:` and `region:`")
    {
        var file = context.File;
        var stream = new YamlStream();
        try
        {
            if (YamlShapeGuard.Check(text) is { } shape)
            {
                context.Diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, file, shape.Line, shape.Column, "",
                    shape.Message, shape.Fix));
                return null;
            }

            stream.Load(new StringReader(text));
        }
        catch (Exception ex) when (ex is not YamlException && YamlShapeGuard.IsParserFault(ex))
        {
            context.Diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, file, 1, 1, "",
                "the YAML is malformed (the parser failed: " + ex.Message + ")", "fix the YAML (check brackets, quotes and indentation)."));
            return null;
        }
        catch (YamlException ex)
        {
            // YamlDotNet prefixes its message with "(Line: l, Col: c, Idx: i) - (…): "; the position is reported separately.
            var message = YamlPositionPrefix().Replace(ex.Message, string.Empty);
            var inner = ex.InnerException is { } innerEx ? " (" + YamlPositionPrefix().Replace(innerEx.Message, string.Empty) + ")" : string.Empty;
            context.Diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, file, (int)ex.Start.Line, (int)ex.Start.Column, "",
                $"YAML syntax error: {message}{inner}", "fix the YAML at this position (check brackets, quotes and indentation)."));
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            context.Error(null, "", stream.Documents.Count == 0 ? "the file is empty" : "the file holds more than one YAML document",
                $"write exactly one document with {holds}.");
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex StackNamePattern();

    [GeneratedRegex(@"^(\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): )", RegexOptions.CultureInvariant)]
    private static partial Regex YamlPositionPrefix();
}
