using System.Text;
using System.Text.Json;
using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Hostile;

/// <summary>
/// Small hostile CloudFormation templates (Fixtures/Hostile/*.json), modelled on the KICS and checkov CloudFormation
/// test fixtures and on issue 10: Fn::If in every position, JSON-string documents, parameter accounts, users, groups,
/// standalone policies, launch configurations, malformed and unresolved principals. Each file lists the findings it
/// must raise by rule, resource and JSON path (and rules that must stay silent), or the bad-input error it must cause.
/// </summary>
public sealed class HostileTemplateTests
{
    public static TheoryData<string> Names() =>
        [.. Directory.GetFiles(FixturePaths.Output("Fixtures", "Hostile"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Template_raises_exactly_what_the_fixture_says(string name)
    {
        var fixture = JsonDocument.Parse(File.ReadAllText(FixturePaths.Output("Fixtures", "Hostile", name + ".json"))).RootElement;
        if (fixture.TryGetProperty("error", out var error))
        {
            var ex = Assert.Throws<TemplateException>(() => Read(fixture));
            Assert.Equal(error.GetProperty("path").GetString(), ex.JsonPath);
            Assert.Contains(error.GetProperty("contains").GetString()!, ex.Message, StringComparison.Ordinal);
            return;
        }

        var findings = PolicyCheck.CheckStack(Read(fixture)).ToList();
        foreach (var expected in fixture.GetProperty("expect").EnumerateArray())
        {
            var rule = expected.GetProperty("rule").GetString();
            var resource = expected.GetProperty("resource").GetString();
            var path = expected.GetProperty("path").GetString();
            var match = findings.Where(f => f.Rule.Id == rule && f.ResourceLogicalId == resource && f.JsonPath == path).ToList();
            Assert.True(match.Count == 1, $"{name}: want one {rule} on {resource} at {path}; got:\n{Describe(findings)}");
            Assert.Equal(Severity.Error, match[0].Severity);
            if (expected.TryGetProperty("messageContains", out var text))
            {
                Assert.Contains(text.GetString()!, match[0].Message, StringComparison.Ordinal);
            }
        }

        if (fixture.TryGetProperty("absent", out var absent))
        {
            foreach (var rule in absent.EnumerateArray().Select(r => r.GetString()))
            {
                Assert.True(findings.All(f => f.Rule.Id != rule), $"{name}: {rule} must not fire; got:\n{Describe(findings)}");
            }
        }

        if (fixture.TryGetProperty("absentFor", out var absentFor))
        {
            foreach (var a in absentFor.EnumerateArray())
            {
                var rule = a.GetProperty("rule").GetString();
                var resource = a.TryGetProperty("resource", out var r) ? r.GetString() : null;
                var path = a.TryGetProperty("path", out var p) ? p.GetString() : null;
                Assert.DoesNotContain(findings, f => f.Rule.Id == rule && (resource is null || f.ResourceLogicalId == resource) && (path is null || f.JsonPath == path));
            }
        }
    }

    [Fact]
    public void There_is_a_hostile_corpus() => Assert.True(Names().Count >= 20);

    internal static StackTemplate Read(JsonElement fixture) =>
        TemplateReader.Read(
            Encoding.UTF8.GetBytes(fixture.GetProperty("template").GetRawText()),
            "hostile.json",
            "hostile",
            "EdgeIam-hostile",
            StackEnvironment.Parse(fixture.GetProperty("environment").GetString()));

    private static string Describe(IEnumerable<Finding> findings) =>
        string.Join("\n", findings.Select(f => $"  {f.Rule.Id} {f.ResourceLogicalId} {f.JsonPath}: {f.Message}"));
}
