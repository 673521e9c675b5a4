using System.Text;
using System.Text.Json;
using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Rules;

/// <summary>
/// Every rule has Rules/Fixtures/&lt;ID&gt;.json with a compliant and a non-compliant template (cdk-nag style):
/// the compliant one raises nothing for that rule, the non-compliant one raises exactly one finding at the expected path.
/// </summary>
public sealed class RuleFixtureTests
{
    public static TheoryData<string> RuleIds() => [.. RuleCatalog.All.Select(r => r.Descriptor.Id)];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Compliant_template_passes(string ruleId)
    {
        var (rule, fixture) = Load(ruleId);
        var stack = Read(fixture, "compliant");

        Assert.Empty(rule.Check(stack));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Noncompliant_template_is_flagged_at_its_path(string ruleId)
    {
        var (rule, fixture) = Load(ruleId);
        var stack = Read(fixture, "noncompliant");

        var finding = Assert.Single(rule.Check(stack));
        Assert.Equal(fixture.RootElement.GetProperty("expectedPath").GetString(), finding.JsonPath);
        Assert.Equal(ruleId, finding.Rule.Id);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
    }

    [Fact]
    public void Every_rule_has_a_fixture() =>
        Assert.Equal(
            RuleCatalog.All.Select(r => r.Descriptor.Id + ".json").Order(StringComparer.Ordinal),
            Directory.GetFiles(FixturePaths.Output("Rules", "Fixtures"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));

    private static (PolicyRule Rule, JsonDocument Fixture) Load(string ruleId) =>
        (RuleCatalog.Find(ruleId)!, JsonDocument.Parse(File.ReadAllText(FixturePaths.Output("Rules", "Fixtures", ruleId + ".json"))));

    private static StackTemplate Read(JsonDocument fixture, string variant) =>
        TemplateReader.Read(
            Encoding.UTF8.GetBytes(fixture.RootElement.GetProperty(variant).GetRawText()),
            variant + ".json",
            "fixture",
            "EdgeIam-fixture",
            StackEnvironment.Parse(fixture.RootElement.GetProperty("environment").GetString()));
}
