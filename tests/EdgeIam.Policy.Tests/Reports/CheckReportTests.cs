using System.Text.Json;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Reports;

/// <summary>Check reports over a stack with one finding per kind of problem (the acceptance mutations, all at once).</summary>
public sealed class CheckReportTests(CheckReportTests.MutatedAssembly mutated) : IClassFixture<CheckReportTests.MutatedAssembly>
{
    private readonly MutatedAssembly _mutated = mutated;

    /// <summary>The mutated copy, kept for the class (the SARIF writer reads line numbers from it) and removed after.</summary>
    public sealed class MutatedAssembly : IDisposable
    {
        private readonly EdgeIam.Tests.Shared.TempFolder _copy = Fixtures.CopyAssembly();

        public MutatedAssembly()
        {
            foreach (var kind in TemplateMutations.Kinds)
            {
                TemplateMutations.Apply(_copy.Combine("EdgeIam-dev.template.json"), kind);
            }

            Value = (PolicyCheck.RunAssembly(_copy.Path, []), _copy.Path);
        }

        public (CheckReport Report, string Directory) Value { get; }

        public void Dispose() => _copy.Dispose();
    }

    [Theory]
    [InlineData(ReportFormat.Text, "check.txt")]
    [InlineData(ReportFormat.Json, "check.json")]
    [InlineData(ReportFormat.Markdown, "check.md")]
    [InlineData(ReportFormat.Sarif, "check.sarif")]
    public void Report_matches_golden(ReportFormat format, string golden)
    {
        var (report, directory) = _mutated.Value;
        var output = GoldenFile.Render(w => CheckReportWriter.Write(report, format, w)).Replace(directory, "<assembly>", StringComparison.Ordinal);
        GoldenFile.AssertMatches(golden, output);
    }

    [Fact]
    public void Sarif_is_version_2_1_0_with_rules_and_located_results()
    {
        var (report, _) = _mutated.Value;
        using var sarif = JsonDocument.Parse(GoldenFile.Render(w => CheckSarifWriter.Write(report, w)));
        var run = sarif.RootElement.GetProperty("runs")[0];
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        Assert.Equal("edgeiam-check", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            Assert.Equal(result.GetProperty("ruleId").GetString(), rules[result.GetProperty("ruleIndex").GetInt32()]);
            Assert.True(result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32() > 1);
        }

        // Every finding, and every assertion that held as a "pass" result.
        Assert.Equal(report.Findings.Count + report.Assertions.Count(a => a.Held), run.GetProperty("results").GetArrayLength());
        Assert.All(run.GetProperty("results").EnumerateArray().Where(r => r.TryGetProperty("kind", out _)),
            r => Assert.Equal(("pass", "none"), (r.GetProperty("kind").GetString(), r.GetProperty("level").GetString())));
    }

    [Fact]
    public void Every_mutation_is_reported_once_as_an_error()
    {
        var (report, _) = _mutated.Value;
        Assert.Equal(
            ["EIAM-IMDS-001", "EIAM-PERM-001", "EIAM-RA-001", "EIAM-WEBID-001", "EIAM-WEBID-003", "EIAM-XACCT-001"],
            report.Findings.Where(f => f.Severity == EdgeIam.Policy.Rules.Severity.Error && f.AssertionId is null).Select(f => f.Rule.Id).Order(StringComparer.Ordinal));
        Assert.Equal(6, report.ErrorCount - report.Findings.Count(f => f.AssertionId is not null));

        // Besides them only the shipped dev stack's accepted org-wide pull-request subject (a warning) is reported.
        var accepted = Assert.Single(report.Findings, f => f.Severity != EdgeIam.Policy.Rules.Severity.Error);
        Assert.Equal(("EIAM-WEBID-003", "OidcRolesGitHubPlanRole1F1DE776"), (accepted.Rule.Id, accepted.ResourceLogicalId));
    }
}
