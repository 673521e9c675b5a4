using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Rules.Assertions;

namespace EdgeIam.Policy.Reports;

/// <summary>
/// <c>check --format sarif</c>: SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) in the
/// form GitHub code scanning accepts (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
/// every rule with a full description; results located where the user edits (the stack file's line for EdgeIam
/// stacks, the template otherwise, with the template and JSON path as a related location); relative, encoded URIs
/// under <c>originalUriBaseIds</c>; a <c>primaryLocationLineHash</c> that survives unrelated edits; and accepted
/// findings as external suppressions carrying the justification.
/// </summary>
internal static class CheckSarifWriter
{
    public const string ToolName = "edgeiam-check";

    /// <summary>The text EIAM rules put before the owner's reason when a finding was deliberately accepted.</summary>
    private const string AcceptedMarker = " Accepted: ";

    public static void Write(CheckReport report, TextWriter output) => Write(report, output, SarifPaths.ForCurrentDirectory());

    internal static void Write(CheckReport report, TextWriter output, SarifPaths paths)
    {
        var rules = RuleCatalog.All.Select(r => r.Descriptor).ToList();
        var names = RuleCatalog.All.ToDictionary(r => r.Descriptor.Id, r => r.GetType().Name.Replace("Rule", string.Empty, StringComparison.Ordinal), StringComparer.Ordinal);
        var templates = report.Stacks.Select(s => s.TemplateFile).Concat(report.Findings.Select(f => f.TemplateFile)).Distinct(StringComparer.Ordinal)
            .ToDictionary(t => t, t => (Lines: JsonLineLocator.ForFile(t), Text: ReadLines(t), Source: EdgeIamTemplateSource.Read(t, paths)), StringComparer.Ordinal);
        var stackTemplates = report.Stacks.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().TemplateFile, StringComparer.Ordinal);
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        JsonReport.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, rules, names);
            WriteBaseIds(json);
            json.WriteStartArray("results");
            foreach (var finding in report.Findings)
            {
                // The line is in the file the finding names (a nested template for a nested resource); the stack-file
                // names and lines come from the stack's own template, which reads its nested templates too.
                var template = templates[finding.TemplateFile];
                var source = templates[stackTemplates.GetValueOrDefault(finding.Stack) ?? finding.TemplateFile].Source;
                var line = template.Lines.LineOf(finding.JsonPath);
                var templateLocation = new Location(paths.Artifact(finding.TemplateFile, SarifPaths.Assembly), line, ColumnOf(template.Text, line));
                // An assertion's failure is located at the assertion; any other finding at the resource's stack-file entry.
                var stackLine = finding.SourceLine is { } written ? Resolved(written, finding.TemplateFile, paths) : source.LineOf(finding.ResourceLogicalId);
                var stackLocation = stackLine is { } s ? new Location(paths.Artifact(s.File, SarifPaths.Stacks), s.Line, s.Column) : (Location?)null;
                var hash = LineHash(finding, finding.AssertionId is { } id ? "assertion:" + id : source.NameOf(finding.ResourceLogicalId));
                occurrences[hash] = occurrences.GetValueOrDefault(hash) + 1;
                WriteResult(json, finding, rules.FindIndex(r => r.Id == finding.Rule.Id), stackLocation ?? templateLocation, stackLocation is null ? null : templateLocation, $"{hash}:{occurrences[hash]}");
            }

            foreach (var held in report.Assertions.Where(a => a.Held))
            {
                var rule = AssertionRule.For(held.Assertion);
                var at = Resolved(held.Assertion.Source, report.Stacks.First(s => s.Name == held.Stack).TemplateFile, paths);
                WritePass(json, held, rule, rules.FindIndex(r => r.Id == rule.Id), new Location(paths.Artifact(at.File, SarifPaths.Stacks), at.Line, at.Column));
            }

            json.WriteEndArray();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private readonly record struct Location(SarifArtifact Artifact, int Line, int Column);

    private static void WriteBaseIds(Utf8JsonWriter json)
    {
        // No "uri" on purpose: the absolute folder differs per machine and checkout; code scanning resolves
        // %SRCROOT% to the checkout itself (https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/sarif-v2.1.0-os.html#_Toc34317499).
        json.WriteStartObject("originalUriBaseIds");
        foreach (var (id, text) in new[]
        {
            (SarifPaths.SourceRoot, "The repository root (the folder holding .git or EdgeIam.sln)."),
            (SarifPaths.WorkingDirectory, "The folder edgeiam check ran in, when the file is outside the repository."),
            (SarifPaths.Assembly, "The cloud assembly folder (--assembly), when it is outside the repository and the current directory."),
            (SarifPaths.Stacks, "The stack-file folder, when it is outside the repository and the current directory."),
        })
        {
            json.WriteStartObject(id);
            json.WriteStartObject("description");
            json.WriteString("text", text);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteTool(Utf8JsonWriter json, List<RuleDescriptor> rules, Dictionary<string, string> names)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", ToolName);
        json.WriteString("informationUri", "https://github.com/acme/edgeiam/blob/main/docs/policy-engine.md");
        json.WriteString("semanticVersion", "1.0.0");
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", names[rule.Id]);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", FullDescription(rule));
            json.WriteEndObject();
            json.WriteStartObject("help");
            json.WriteString("text", $"{rule.Fix} See {rule.HelpUri}");
            json.WriteEndObject();
            json.WriteString("helpUri", rule.HelpUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", CheckTextWriter.Level(rule.Severity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteStringArray("tags", ["security", "iam"]);
            json.WriteString("security-severity", rule.Severity == Severity.Error ? "8.0" : "4.0");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Title and fix as one paragraph (GitHub shows it as the alert's rule description; GH2012 wants one).</summary>
    internal static string FullDescription(RuleDescriptor rule) =>
        $"{rule.Title.TrimEnd('.')}. How to fix: {rule.Fix}";

    private static void WriteResult(Utf8JsonWriter json, Finding finding, int ruleIndex, Location primary, Location? template, string lineHash)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Rule.Id);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", CheckTextWriter.Level(finding.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", $"{finding.Message} Fix: {finding.Rule.Fix}");
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        WritePhysical(json, primary);
        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("name", finding.ResourceLogicalId);
        json.WriteString("fullyQualifiedName", $"{finding.Stack}/{finding.ResourceLogicalId}");
        json.WriteString("kind", "resource");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        if (template is { } t)
        {
            json.WriteStartArray("relatedLocations");
            json.WriteStartObject();
            json.WriteNumber("id", 1);
            WritePhysical(json, t);
            json.WriteStartObject("message");
            json.WriteString("text", $"Synthesized template, {finding.JsonPath}");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        if (Acceptance(finding) is { } justification)
        {
            // https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/sarif-v2.1.0-os.html#_Toc34317661: "external" = suppressed
            // outside the analysed file (here the owner's acceptance in the stack file); code scanning closes such alerts.
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            json.WriteString("justification", justification);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("partialFingerprints");
        json.WriteString("primaryLocationLineHash", lineHash);
        json.WriteString("edgeiamFinding/v1", Fingerprint(finding));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// A held assertion as a SARIF result of kind "pass" (level "none", as SARIF 2.1.0 §3.27.9 requires for kinds
    /// other than "fail"), so a report shows what was proved, not only what failed; code scanning opens no alert for it.
    /// </summary>
    private static void WritePass(Utf8JsonWriter json, CheckReport.AssertionResult held, RuleDescriptor rule, int ruleIndex, Location at)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", rule.Id);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("kind", "pass");
        json.WriteString("level", "none");
        json.WriteStartObject("message");
        json.WriteString("text", $"{held.Assertion.Label} held in {held.Stack}.");
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        WritePhysical(json, at);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString("primaryLocationLineHash",
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{rule.Id}|{held.Stack}|assertion:{held.Assertion.Id}")))[..16] + ":1");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The assertion's file as found on disk (the path synth recorded, resolved like the stack file's), else as recorded.</summary>
    private static StackFileLine Resolved(StackFileLine written, string templateFile, SarifPaths paths) =>
        written with { File = EdgeIamTemplateSource.Resolve(written.File, templateFile, paths) ?? written.File };

    private static void WritePhysical(Utf8JsonWriter json, Location location)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", location.Artifact.Uri);
        json.WriteString("uriBaseId", location.Artifact.BaseId);
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", location.Line);
        json.WriteNumber("startColumn", location.Column);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The owner's reason when the finding was accepted (a warning whose message carries "Accepted: why"), else null.</summary>
    internal static string? Acceptance(Finding finding)
    {
        if (finding.Severity != Severity.Warning)
        {
            return null;
        }

        var at = finding.Message.LastIndexOf(AcceptedMarker, StringComparison.Ordinal);
        var why = at < 0 ? string.Empty : finding.Message[(at + AcceptedMarker.Length)..].Trim().TrimEnd('.');
        return why.Length == 0 ? null : why;
    }

    /// <summary>
    /// Rule, stack, the resource's stack-file name (or logical ID) and the JSON path without array indices: inserting
    /// a statement or a line elsewhere changes none of them. The ":n" occurrence keeps equal hashes apart, as GitHub's own do.
    /// </summary>
    internal static string LineHash(Finding finding, string? configName) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{finding.Rule.Id}|{finding.Stack}|{configName ?? finding.ResourceLogicalId}|{StripIndices(finding.JsonPath)}")))[..16];

    private static string StripIndices(string jsonPath) => System.Text.RegularExpressions.Regex.Replace(jsonPath, @"\[\d+\]", "[]");

    /// <summary>Stable across runs and line moves: rule, stack, resource and path.</summary>
    private static string Fingerprint(Finding finding) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{finding.Rule.Id}|{finding.Stack}|{finding.ResourceLogicalId}|{finding.JsonPath}")))[..32];

    private static string[] ReadLines(string file)
    {
        try
        {
            return Encoding.UTF8.GetString(EdgeIam.Shared.InputFile.ReadAllBytes(file, EdgeIam.Shared.InputFileLimit.Template)).Split('\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>1-based UTF-16 column of the first non-blank character of the line (1 when the line is unknown).</summary>
    private static int ColumnOf(string[] lines, int line)
    {
        if (line < 1 || line > lines.Length)
        {
            return 1;
        }

        var text = lines[line - 1];
        var indent = text.Length - text.TrimStart().Length;
        return indent < text.Length ? indent + 1 : 1;
    }
}
