using EdgeIam.Policy.Access;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Reports;

/// <summary>The PR comment: plain CommonMark, most severe first, roles by stack-file name, what a widened role can now do.</summary>
public sealed class DiffMarkdownTests
{
    private static string Render(Action<string> mutateDev, string? linkBase = null)
    {
        using var head = Fixtures.CopyAssembly();
        mutateDev(head.Combine("EdgeIam-dev.template.json"));
        var after = AssemblyReader.Load(head.Path);
        var diff = AccessDiffer.Diff(Fixtures.Assembly, after, []);
        return GoldenFile.Render(w => AccessReportWriter.Write(diff, ReportFormat.Markdown, w, after, linkBase));
    }

    [Fact]
    public void A_widened_trust_is_first_with_what_the_role_can_now_do()
    {
        var markdown = Render(d => TemplateMutations.Apply(d, "widen-sub"));

        Assert.DoesNotContain("[!WARNING]", markdown, StringComparison.Ordinal);
        Assert.Contains("> **Warning: access widened** in 1 place(s).", markdown, StringComparison.Ordinal);
        var row = Assert.Single(markdown.Split('\n'), l => l.StartsWith("| high | **widened** | dev |", StringComparison.Ordinal));
        Assert.Contains("**GitHubDeploy**<br>`OidcRolesGitHubDeployRole762AD053`", row, StringComparison.Ordinal);
        var now = markdown[markdown.IndexOf("### What the widened roles can now do", StringComparison.Ordinal)..];
        Assert.Contains("**GitHubDeploy** in dev", now, StringComparison.Ordinal);
        Assert.Contains("- assumable by: GitHub Actions", now, StringComparison.Ordinal);
        Assert.Contains("- may: Allow s3:PutObject on arn:aws:s3:::acme-edge-artifacts-dev/*", now, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_are_ordered_high_then_medium_then_low()
    {
        var markdown = Render(d =>
        {
            foreach (var kind in TemplateMutations.Kinds)
            {
                TemplateMutations.Apply(d, kind);
            }
        });

        var severities = markdown.Split('\n').Where(l => l.StartsWith("| high |", StringComparison.Ordinal) || l.StartsWith("| medium |", StringComparison.Ordinal) || l.StartsWith("| low |", StringComparison.Ordinal))
            .Select(l => l.Split('|')[1].Trim()).ToList();
        Assert.NotEmpty(severities);
        Assert.Equal(severities.OrderBy(s => s switch { "high" => 0, "medium" => 1, _ => 2 }), severities);
    }

    [Theory]
    [InlineData("repo:acme/app:ref:refs/heads/fix#1", "repo:acme/app:ref:refs/heads/fix#35;1")]
    [InlineData("say \"hi\" [now] (ok) {x} <y> a|b `c`", "say #34;hi#34; #91;now#93; #40;ok#41; #123;x#125; #60;y#62; a#124;b #96;c#96;")]
    [InlineData("#quot;", "#35;quot;")]
    public void Mermaid_labels_escape_everything_that_would_end_or_rewrite_them(string text, string label) =>
        Assert.Equal(label, Markdown.MermaidLabel(text));
}
