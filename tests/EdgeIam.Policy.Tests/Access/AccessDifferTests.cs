using System.Text.Json.Nodes;
using EdgeIam.Policy.Access;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Access;

public sealed class AccessDifferTests
{
    [Fact]
    public void An_assembly_compared_with_itself_has_no_changes()
    {
        var report = AccessAnalyzer.Analyze(Fixtures.Assembly);

        var diff = AccessDiffer.Diff(report, report);

        Assert.Empty(diff.Changes);
        Assert.False(diff.HasWidening);
    }

    [Fact]
    public void A_widened_subject_is_a_widening_that_names_the_new_pattern()
    {
        var diff = DiffAfter(d => TemplateMutations.Apply(d, "widen-sub"));

        var change = Assert.Single(diff.Changes, c => c.IsWidening);
        Assert.Equal(("dev", "GitHubDeploy (OidcRolesGitHubDeployRole762AD053)", "trust", ChangeKind.Widened), (change.Stack, change.Role, change.Area, change.Kind));
        Assert.Contains(
            "widened token.actions.githubusercontent.com:sub: StringEquals repo:acme/edge-app:ref:refs/heads/main -> StringLike repo:acme/*",
            change.Details);
        Assert.True(diff.HasWidening);
    }

    [Fact]
    public void A_dropped_audience_is_reported_as_a_dropped_condition()
    {
        var diff = DiffAfter(d => TemplateMutations.Apply(d, "drop-aud"));

        var change = Assert.Single(diff.Changes);
        Assert.Equal(ChangeKind.Widened, change.Kind);
        Assert.Contains("dropped condition StringEquals token.actions.githubusercontent.com:aud = sts.amazonaws.com", change.Details);
    }

    [Fact]
    public void A_new_role_and_an_admin_policy_are_widenings()
    {
        var diff = DiffAfter(d =>
        {
            TemplateMutations.Apply(d, "root-no-externalid");
            TemplateMutations.Apply(d, "admin-inline");
        });

        Assert.Contains(diff.Changes, c => c.Kind == ChangeKind.Added && c.Role == "MutantVendorRole" && c.Details.Contains("assumable by any principal of account 999999999999 that its IAM policies allow, no external ID"));
        Assert.Contains(diff.Changes, c => c.Kind == ChangeKind.Widened && c.Area == "permissions" && c.Summary == "Allow * on *");
    }

    [Fact]
    public void Narrowing_a_subject_is_not_a_widening()
    {
        using var copy = Fixtures.CopyAssembly();
        var widened = copy.Path;
        TemplateMutations.Apply(Path.Combine(widened, "EdgeIam-dev.template.json"), "widen-sub");

        // Base is the widened assembly, head the original: the same change, the other way round.
        var diff = AccessDiffer.Diff(AccessAnalyzer.Analyze(AssemblyReader.Load(widened)), AccessAnalyzer.Analyze(Fixtures.Assembly));

        var change = Assert.Single(diff.Changes);
        Assert.Equal(ChangeKind.Narrowed, change.Kind);
        Assert.False(diff.HasWidening);
        Assert.Contains("narrowed token.actions.githubusercontent.com:sub: StringLike repo:acme/* -> StringEquals repo:acme/edge-app:ref:refs/heads/main", change.Details);
    }

    [Fact]
    public void Removing_a_role_is_a_narrowing()
    {
        var diff = DiffAfter(d => Edit(d, t => t["Resources"]!.AsObject().Remove("CrossAccountSecurityAuditRole0FF95E17")));

        var change = Assert.Single(diff.Changes);
        Assert.Equal((ChangeKind.Removed, "role removed"), (change.Kind, change.Summary));
    }

    [Fact]
    public void A_longer_session_is_a_widening()
    {
        var diff = DiffAfter(d => Edit(d, t => t["Resources"]!["CrossAccountSecurityAuditRole0FF95E17"]!["Properties"]!["MaxSessionDuration"] = 43200));

        var change = Assert.Single(diff.Changes);
        Assert.Equal((ChangeKind.Widened, "max session 1h -> 12h"), (change.Kind, change.Summary));
    }

    [Fact]
    public void Markdown_diff_matches_golden()
    {
        var diff = DiffAfter(d =>
        {
            foreach (var kind in TemplateMutations.Kinds)
            {
                TemplateMutations.Apply(d, kind);
            }
        });

        GoldenFile.AssertMatches("diff.md", GoldenFile.Render(w => DiffMarkdownWriter.Write(diff, w)));
        GoldenFile.AssertMatches("diff.txt", GoldenFile.Render(w => DiffTextWriter.Write(diff, w)));
        GoldenFile.AssertMatches("diff.json", GoldenFile.Render(w => DiffJsonWriter.Write(diff, w)));
    }

    [Theory]
    [InlineData("repo:acme/*", true, "repo:acme/edge-app:ref:refs/heads/main", false, true)]
    [InlineData("repo:acme/edge-app:ref:refs/heads/main", false, "repo:acme/*", true, false)]
    [InlineData("a*", true, "a?c", true, true)]
    [InlineData("a?c", true, "a*", true, false)]
    [InlineData("a?c", true, "abc", false, true)]
    [InlineData("a*", false, "abc", false, false)]
    [InlineData("*", true, "anything*?", true, true)]
    public void Pattern_coverage(string basePattern, bool baseLike, string head, bool headLike, bool covered) =>
        Assert.Equal(covered, PatternCoverage.Covers(basePattern, baseLike, head, headLike));

    [Fact]
    public void A_changed_RoleName_replaces_the_role_and_widens_nothing()
    {
        var diff = DiffAfter(d => Edit(d, t => t["Resources"]!["CrossAccountSecurityAuditRole0FF95E17"]!["Properties"]!["RoleName"] = "EdgeIam-dev-Audit"));

        var change = Assert.Single(diff.Changes);
        Assert.Equal(("SecurityAudit (CrossAccountSecurityAuditRole0FF95E17)", "role", ChangeKind.Replaced), (change.Role, change.Area, change.Kind));
        Assert.Equal("role replaced: RoleName EdgeIam-dev-SecurityAudit -> EdgeIam-dev-Audit", change.Summary);
        Assert.StartsWith("CloudFormation deletes the role and creates a new one", Assert.Single(change.Details), StringComparison.Ordinal);
        Assert.False(diff.HasWidening);
        Assert.Equal(1, diff.Count(ChangeKind.Replaced));
        Assert.EndsWith(", 0 removed, 1 replaced", diff.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_logical_ID_under_the_same_name_replaces_the_role_and_a_kept_RoleName_makes_the_create_fail()
    {
        var diff = DiffAfter(d => Edit(d, t =>
        {
            var resources = t["Resources"]!.AsObject();
            var role = resources["CrossAccountSecurityAuditRole0FF95E17"]!;
            resources.Remove("CrossAccountSecurityAuditRole0FF95E17");
            resources["CrossAccountSecurityAuditRoleRenamed"] = role;
        }));

        var replaced = Assert.Single(diff.Changes, c => c.Kind == ChangeKind.Replaced);
        Assert.Equal("role replaced: logical ID CrossAccountSecurityAuditRole0FF95E17 -> CrossAccountSecurityAuditRoleRenamed", replaced.Summary);
        Assert.Equal(("SecurityAudit", "CrossAccountSecurityAuditRoleRenamed"), (replaced.ConfigName, replaced.LogicalId));
        Assert.Contains(replaced.Details, d => d.StartsWith("with the fixed RoleName EdgeIam-dev-SecurityAudit kept, the create fails", StringComparison.Ordinal));
        Assert.DoesNotContain(diff.Changes, c => c.Kind is ChangeKind.Added or ChangeKind.Removed);
    }

    [Fact]
    public void Replacement_is_shown_in_every_format()
    {
        var diff = DiffAfter(d => Edit(d, t => t["Resources"]!["CrossAccountSecurityAuditRole0FF95E17"]!["Properties"]!["RoleName"] = "EdgeIam-dev-Audit"));

        var text = new StringWriter();
        AccessReportWriter.Write(diff, ReportFormat.Text, text);
        Assert.Contains("    replaced role        role replaced: RoleName EdgeIam-dev-SecurityAudit -> EdgeIam-dev-Audit", text.ToString(), StringComparison.Ordinal);
        var json = new StringWriter();
        AccessReportWriter.Write(diff, ReportFormat.Json, json);
        var document = JsonNode.Parse(json.ToString())!;
        Assert.Equal(1, (int)document["summary"]!["replaced"]!);
        Assert.Equal(("replaced", false), ((string)document["changes"]![0]!["kind"]!, (bool)document["changes"]![0]!["widens"]!));
        var markdown = new StringWriter();
        AccessReportWriter.Write(diff, ReportFormat.Markdown, markdown);
        Assert.Contains("> **Warning: 1 role(s) replaced**", markdown.ToString(), StringComparison.Ordinal);
        Assert.Contains("| medium | **replaced** | dev |", markdown.ToString(), StringComparison.Ordinal);
    }

    private static AccessDiff DiffAfter(Action<string> mutateDevTemplate)
    {
        using var head = Fixtures.CopyAssembly();
        mutateDevTemplate(head.Combine("EdgeIam-dev.template.json"));
        return AccessDiffer.Diff(AccessAnalyzer.Analyze(Fixtures.Assembly), AccessAnalyzer.Analyze(AssemblyReader.Load(head.Path)));
    }

    private static void Edit(string path, Action<JsonNode> edit)
    {
        var template = JsonNode.Parse(File.ReadAllText(path))!;
        edit(template);
        File.WriteAllText(path, template.ToJsonString());
    }
}
