using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EdgeIam.Policy.Rules;

namespace EdgeIam.Policy.Reports;

/// <summary>
/// <c>check --format sarif</c>: SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) in the
/// subset GitHub code scanning reads (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
/// every rule in tool.driver.rules, results with a physical location (template file and line) and a logical one
/// (stack/resource), and a stable fingerprint.
/// </summary>
internal static class CheckSarifWriter
{
    public const string ToolName = "edgeiam-check";

    public static void Write(CheckReport report, TextWriter output)
    {
        var rules = RuleCatalog.All.Select(r => r.Descriptor).ToList();
        var names = RuleCatalog.All.ToDictionary(r => r.Descriptor.Id, r => r.GetType().Name.Replace("Rule", string.Empty, StringComparison.Ordinal), StringComparer.Ordinal);
        var locators = report.Stacks.ToDictionary(s => s.TemplateFile, s => JsonLineLocator.ForFile(s.TemplateFile), StringComparer.Ordinal);
        JsonReport.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, rules, names);
            json.WriteStartArray("results");
            foreach (var finding in report.Findings)
            {
                var line = locators.TryGetValue(finding.TemplateFile, out var locator) ? locator.LineOf(finding.JsonPath) : 1;
                WriteResult(json, finding, rules.FindIndex(r => r.Id == finding.Rule.Id), line);
            }

            json.WriteEndArray();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
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
            json.WriteStartObject("help");
            json.WriteString("text", rule.Fix);
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

    private static void WriteResult(Utf8JsonWriter json, Finding finding, int ruleIndex, int line)
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
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", finding.TemplateFile.Replace('\\', '/'));
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", line);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("name", finding.ResourceLogicalId);
        json.WriteString("fullyQualifiedName", $"{finding.Stack}/{finding.ResourceLogicalId}{finding.JsonPath[1..]}");
        json.WriteString("kind", "resource");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString("edgeiamFinding/v1", Fingerprint(finding));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Stable across runs and line moves: rule, stack, resource and path.</summary>
    private static string Fingerprint(Finding finding) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{finding.Rule.Id}|{finding.Stack}|{finding.ResourceLogicalId}|{finding.JsonPath}")))[..32];
}
