using System.Text.Json;
using EdgeIam.Policy.Access;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Reports;

public sealed class AccessReportTests
{
    private static AccessReport Report => AccessAnalyzer.Analyze(Fixtures.Assembly);

    [Fact]
    public void Text_report_matches_golden() => GoldenFile.AssertMatches("access.txt", GoldenFile.Render(w => AccessTextWriter.Write(Report, w)));

    [Fact]
    public void Json_report_matches_golden() => GoldenFile.AssertMatches("access.json", GoldenFile.Render(w => AccessJsonWriter.Write(Report, w)));

    [Fact]
    public void Markdown_report_matches_golden() => GoldenFile.AssertMatches("access.md", GoldenFile.Render(w => AccessMarkdownWriter.Write(Report, w)));

    [Fact]
    public void GitHub_trust_is_described_in_words_with_the_raw_subject()
    {
        var role = Report.Stacks[0].Roles.Single(r => r.ConfigName == "GitHubDeploy");
        var grant = role.AssumedBy[0];
        Assert.Equal("GitHub Actions, audience sts.amazonaws.com, repo acme/edge-app, branch main", grant.Description);
        Assert.Equal(("oidc", "token.actions.githubusercontent.com"), (grant.PrincipalKind, grant.Principal));
        Assert.Contains(grant.Conditions, c => c.Values.Contains("repo:acme/edge-app:ref:refs/heads/main"));
        Assert.Single(role.AssumedBy);
        var plan = Report.Stacks[0].Roles.Single(r => r.ConfigName == "GitHubPlan");
        Assert.Equal(
            "GitHub Actions, audience sts.amazonaws.com, any repo of acme, pull requests, StringLike token.actions.githubusercontent.com:job_workflow_ref acme/platform-workflows/.github/workflows/plan.yml@refs/tags/v*",
            plan.AssumedBy[1].Description);
    }

    [Fact]
    public void Roles_anywhere_trust_names_the_anchor_and_certificate_pattern()
    {
        var role = Report.Stacks[0].Roles.Single(r => r.ConfigName == "EdgeDeviceRole");
        Assert.Equal(
            "IAM Roles Anywhere, trust anchor edge-ca (this stack) or trust anchor partner-ca (this stack), certificate subject CN sensor-* or camera-*, certificate issuer CN EdgeIam Dev Issuing CA or EdgeIam Partner Dev Issuing CA",
            Assert.Single(role.AssumedBy).Description);
        Assert.Equal(["edge-device"], role.RolesAnywhereProfiles);
        var factory = Report.Stacks[0].Roles.Single(r => r.ConfigName == "FactoryControllerRole");
        Assert.Equal("IAM Roles Anywhere, trust anchor factory-pca (this stack), certificate subject CN plc-line-?-*", Assert.Single(factory.AssumedBy).Description);
        Assert.Equal(["factory-line"], factory.RolesAnywhereProfiles);
    }

    [Fact]
    public void Cross_account_trust_says_the_account_decides_and_shows_the_external_id()
    {
        var role = Report.Stacks[0].Roles.Single(r => r.ConfigName == "SecurityAudit");
        Assert.Equal("any principal of account 222222222222 that its IAM policies allow, external ID edge-audit-7f3c2a", Assert.Single(role.AssumedBy).Description);
    }

    [Fact]
    public void Json_names_every_role_by_logical_id()
    {
        var json = GoldenFile.Render(w => AccessJsonWriter.Write(Report, w));
        using var doc = JsonDocument.Parse(json);
        var ids = doc.RootElement.GetProperty("stacks")[0].GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("logicalId").GetString());
        Assert.Equal(Fixtures.Dev.Roles.Select(r => r.LogicalId), ids);
    }

    [Theory]
    [InlineData("repo:acme/edge-app:ref:refs/heads/main", "repo acme/edge-app, branch main")]
    [InlineData("repo:acme/edge-app:environment:production", "repo acme/edge-app, environment production")]
    [InlineData("repo:acme/edge-app:pull_request", "repo acme/edge-app, pull requests")]
    [InlineData("repo:acme/edge-app:*", "repo acme/edge-app, any ref or environment")]
    [InlineData("repo:acme/*", "any repo of acme")]
    [InlineData("*", "any subject")]
    [InlineData("project_path:platform/edge-config:ref_type:branch:ref:main", "project platform/edge-config, branch main")]
    [InlineData("system:serviceaccount:edge:agent", "subject system:serviceaccount:edge:agent")]
    public void Subjects_read_as_words(string subject, string words) => Assert.Equal(words, SubjectDescriber.Describe(subject));
}
