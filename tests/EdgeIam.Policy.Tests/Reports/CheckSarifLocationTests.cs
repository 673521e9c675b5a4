using System.Text.Json;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Reports;

/// <summary>SARIF that GitHub code scanning accepts: relative encoded URIs, stack-file lines, suppressions, stable hashes.</summary>
public sealed class CheckSarifLocationTests(CheckReportTests.MutatedAssembly mutated) : IClassFixture<CheckReportTests.MutatedAssembly>
{
    private static readonly string Root = SarifPaths.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("repository root not found");

    private readonly CheckReportTests.MutatedAssembly _mutated = mutated;

    private JsonDocument Sarif(SarifPaths paths) => JsonDocument.Parse(GoldenFile.Render(w => CheckSarifWriter.Write(_mutated.Value.Report, w, paths)));

    private static IEnumerable<JsonElement> Results(JsonDocument sarif) => sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray();

    private static (string BaseId, string Uri, int Line, int Column) Physical(JsonElement location)
    {
        var physical = location.GetProperty("physicalLocation");
        var artifact = physical.GetProperty("artifactLocation");
        var region = physical.GetProperty("region");
        return (artifact.GetProperty("uriBaseId").GetString()!, artifact.GetProperty("uri").GetString()!, region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32());
    }

    private static JsonElement ResultOn(JsonDocument sarif, string ruleId, string logicalId) =>
        Assert.Single(Results(sarif), r => r.GetProperty("ruleId").GetString() == ruleId
            && r.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("name").GetString() == logicalId);

    private static int LineOf(string file, string text) => Array.FindIndex(File.ReadAllLines(file), l => l.TrimEnd() == text) + 1;

    [Fact]
    public void Every_rule_has_a_full_description_beyond_its_title()
    {
        using var sarif = Sarif(new SarifPaths(Root, Root));
        var rules = sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(RuleCatalog.All.Count, rules.Count);
        foreach (var rule in rules)
        {
            var full = rule.GetProperty("fullDescription").GetProperty("text").GetString();
            Assert.False(string.IsNullOrWhiteSpace(full));
            Assert.NotEqual(rule.GetProperty("shortDescription").GetProperty("text").GetString(), full);
            Assert.Contains("How to fix:", full, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_role_finding_is_on_the_stack_file_name_line_with_the_template_as_related_location()
    {
        using var sarif = Sarif(new SarifPaths(Root, Root));
        var result = ResultOn(sarif, "EIAM-WEBID-001", "OidcRolesGitHubDeployRole762AD053");
        var line = LineOf(Path.Combine(Root, "stacks", "dev.yaml"), "    - name: GitHubDeploy");
        Assert.True(line > 1);
        Assert.Equal((SarifPaths.SourceRoot, "stacks/dev.yaml", line, 13), Physical(result.GetProperty("locations")[0]));
        var related = Physical(result.GetProperty("relatedLocations")[0]);
        Assert.Equal((SarifPaths.Assembly, "EdgeIam-dev.template.json"), (related.BaseId, related.Uri));
        Assert.True(related.Line > 1 && related.Column > 1);
        Assert.Contains("AssumeRolePolicyDocument", result.GetProperty("relatedLocations")[0].GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_finding_on_a_fleet_launch_template_is_on_the_fleet_name_line()
    {
        using var sarif = Sarif(new SarifPaths(Root, Root));
        var result = ResultOn(sarif, "EIAM-IMDS-001", "FleetVideoAnalyticsLaunchTemplateC794CC88");
        var line = LineOf(Path.Combine(Root, "stacks", "dev.yaml"), "  - name: video-analytics");
        Assert.Equal((SarifPaths.SourceRoot, "stacks/dev.yaml", line, 11), Physical(result.GetProperty("locations")[0]));
        Assert.Equal("EdgeIam-dev.template.json", Physical(result.GetProperty("relatedLocations")[0]).Uri);
    }

    [Fact]
    public void A_finding_on_a_resource_edgeiam_did_not_name_keeps_its_template_location()
    {
        using var sarif = Sarif(new SarifPaths(Root, Root));
        var result = Assert.Single(Results(sarif), r => r.GetProperty("ruleId").GetString() == "EIAM-XACCT-001");
        var (baseId, uri, line, _) = Physical(result.GetProperty("locations")[0]);
        Assert.Equal((SarifPaths.Assembly, "EdgeIam-dev.template.json"), (baseId, uri));
        Assert.True(line > 1);
        Assert.False(result.TryGetProperty("relatedLocations", out _));
    }

    [Fact]
    public void Without_a_repository_or_stack_file_every_uri_is_relative_and_nothing_is_dropped()
    {
        using var elsewhere = EdgeIam.Tests.Shared.TempFolder.Create("edgeiam-sarif-");
        using var sarif = Sarif(new SarifPaths(null, elsewhere.Path));
        var results = Results(sarif).ToList();
        var report = _mutated.Value.Report;
        Assert.Equal(report.Findings.Count + report.Assertions.Count(a => a.Held), results.Count);
        foreach (var result in results)
        {
            // An assertion's result stays at the assertion as synth recorded it (relative), the others at the template.
            var (baseId, uri, _, _) = Physical(result.GetProperty("locations")[0]);
            if (result.GetProperty("ruleId").GetString()!.StartsWith("EIAM-ASSERT-", StringComparison.Ordinal))
            {
                Assert.Equal(SarifPaths.WorkingDirectory, baseId);
                Assert.Matches("^stacks/(dev|prod).assertions.yaml$", uri);
            }
            else
            {
                Assert.Equal((SarifPaths.Assembly, "EdgeIam-dev.template.json"), (baseId, uri));
            }
        }
    }

    [Fact]
    public void Uris_are_relative_and_percent_encoded_never_absolute()
    {
        var paths = new SarifPaths("/repo", "/repo/infra");
        Assert.Equal(new SarifArtifact(SarifPaths.SourceRoot, "cdk%20out/fix%231/EdgeIam-dev.template.json"), paths.Artifact("/repo/cdk out/fix#1/EdgeIam-dev.template.json", SarifPaths.Assembly));
        Assert.Equal(new SarifArtifact(SarifPaths.SourceRoot, "stacks/dev.yaml"), paths.Artifact("../stacks/dev.yaml", SarifPaths.Stacks));
        Assert.Equal(new SarifArtifact(SarifPaths.Assembly, "EdgeIam-dev.template.json"), paths.Artifact("/tmp/tmp.X Y/a/EdgeIam-dev.template.json", SarifPaths.Assembly));
        Assert.Equal(new SarifArtifact(SarifPaths.SourceRoot, "..repo-like/x.yaml"), paths.Artifact("/repo/..repo-like/x.yaml", SarifPaths.Stacks));
        Assert.Equal(new SarifArtifact(SarifPaths.WorkingDirectory, "a/b%C3%A9.json"), new SarifPaths(null, "/work").Artifact("/work/a/bé.json", SarifPaths.Assembly));
    }

    [Fact]
    public void An_accepted_finding_is_an_external_suppression_with_its_justification_and_errors_are_not()
    {
        using var sarif = Sarif(new SarifPaths(Root, Root));
        var accepted = ResultOn(sarif, "EIAM-WEBID-003", "OidcRolesGitHubPlanRole1F1DE776");
        var suppression = Assert.Single(accepted.GetProperty("suppressions").EnumerateArray());
        Assert.Equal("external", suppression.GetProperty("kind").GetString());
        Assert.Equal("allowOrgWideSubjects: true at oidc.roles[1] in stacks/dev.yaml", suppression.GetProperty("justification").GetString());
        Assert.Equal(LineOf(Path.Combine(Root, "stacks", "dev.yaml"), "    - name: GitHubPlan"), Physical(accepted.GetProperty("locations")[0]).Line);
        Assert.All(Results(sarif).Where(r => r.GetProperty("level").GetString() == "error"), r => Assert.False(r.TryGetProperty("suppressions", out _)));
    }

    [Fact]
    public void The_line_hash_ignores_statement_indices_and_lines_but_not_rule_role_or_key()
    {
        var rule = RuleCatalog.All[0].Descriptor;
        var finding = new Finding(rule, "dev", "t.json", "Role1", "GitHubDeploy", "$.Resources.Role1.Properties.AssumeRolePolicyDocument.Statement[0].Condition", "m");
        var hash = CheckSarifWriter.LineHash(finding, "GitHubDeploy");
        Assert.Equal(hash, CheckSarifWriter.LineHash(finding with { JsonPath = "$.Resources.Role1.Properties.AssumeRolePolicyDocument.Statement[3].Condition", Message = "other" }, "GitHubDeploy"));
        Assert.NotEqual(hash, CheckSarifWriter.LineHash(finding, "GitHubPlan"));
        Assert.NotEqual(hash, CheckSarifWriter.LineHash(finding with { Stack = "prod" }, "GitHubDeploy"));
        Assert.NotEqual(hash, CheckSarifWriter.LineHash(finding with { JsonPath = "$.Resources.Role1.Properties.AssumeRolePolicyDocument.Statement[0].Principal" }, "GitHubDeploy"));
        Assert.NotEqual(hash, CheckSarifWriter.LineHash(finding with { Rule = RuleCatalog.All[1].Descriptor }, "GitHubDeploy"));
    }

    [Fact]
    public void Stack_yaml_names_are_located_only_when_unambiguous()
    {
        var yaml = """
            edgeFleets:
              - name: edge # a comment
            oidc:
              providers:
                - name: github
              roles:
                - name: "GitHubDeploy"
                - name: 'dup'
                - name: dup
            crossAccount:
              - name: edge
            rolesAnywhere:
              trustAnchors:
                - name: edge
            """;
        var names = StackYamlNames.Parse("s.yaml", yaml);
        string[] roles = ["edgeFleets", "oidc.roles", "crossAccount", "rolesAnywhere.roles"];
        Assert.Equal(new StackFileLine("s.yaml", 7, 14), names.LineOf("GitHubDeploy", roles));
        Assert.Equal(new StackFileLine("s.yaml", 14, 13), names.LineOf("edge", ["rolesAnywhere.trustAnchors"]));
        Assert.Equal(new StackFileLine("s.yaml", 5, 13), names.LineOf("github", ["oidc.providers"]));
        Assert.Null(names.LineOf("edge", roles)); // a fleet and a cross-account role of one name: which line is unknowable
        Assert.Null(names.LineOf("dup", roles));
        Assert.Null(names.LineOf("missing", roles));
        Assert.Null(StackYamlNames.Parse("e.yaml", string.Empty).LineOf("x", roles));
    }
}
