using System.Text.Json.Nodes;

namespace EdgeIam.App.Tests.Commands;

/// <summary><c>diff --stack</c> end to end: it limits both sides; an unknown stack is bad input (exit 2).</summary>
public sealed class DiffStackOptionTests
{
    private static readonly string Assembly = Path.Combine(RepositoryPaths.Root, "tests", "EdgeIam.Policy.Tests", "Fixtures", "Assembly");

    [Fact]
    public void A_prod_widening_fails_the_diff_of_prod_and_not_the_diff_of_dev()
    {
        var head = WidenedProdHopLimit();

        var all = CliRunner.Run("diff", "--base", Assembly, "--head", head, "--fail-on-widen");
        var dev = CliRunner.Run("diff", "--base", Assembly, "--head", head, "--stack", "dev", "--fail-on-widen");
        var prod = CliRunner.Run("diff", "--base", Assembly, "--head", head, "--stack", "dev", "--stack", "EdgeIam-prod", "--fail-on-widen", "--format", "json");

        Assert.Equal(ExitCodes.Findings, all.ExitCode);
        Assert.Contains("widened  imds        hop limit 1 -> 2", all.Out, StringComparison.Ordinal);
        Assert.Equal((ExitCodes.Ok, "access diff: no changes"), (dev.ExitCode, dev.Out.Trim()));
        Assert.Equal(ExitCodes.Findings, prod.ExitCode);
        Assert.Contains("\"hop limit 1 -> 2\"", prod.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_stack_exits_2_and_names_the_stacks_there_are()
    {
        var result = CliRunner.Run("diff", "--base", Assembly, "--head", Assembly, "--stack", "staging");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--stack staging: no such stack in --base or --head (stacks: dev, prod)", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public void With_both_assemblies_unreadable_the_head_is_reported_and_with_only_the_base_the_base_is()
    {
        var missingBase = CliRunner.NewTempPath();
        var missingHead = CliRunner.NewTempPath();

        var both = CliRunner.Run("diff", "--base", missingBase, "--head", missingHead);
        var baseOnly = CliRunner.Run("diff", "--base", missingBase, "--head", Assembly);

        // The two are read at once; which one is reported must not depend on which finished first.
        Assert.Equal(ExitCodes.BadInput, both.ExitCode);
        Assert.Contains(missingHead, both.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(missingBase, both.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, baseOnly.ExitCode);
        Assert.Contains(missingBase, baseOnly.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, baseOnly.Out);
    }

    private static string WidenedProdHopLimit()
    {
        var dir = TestTemp.Folder("edgeiam-diff-stack-");
        foreach (var file in Directory.GetFiles(Assembly))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        var prod = Path.Combine(dir, "EdgeIam-prod.template.json");
        var template = JsonNode.Parse(File.ReadAllText(prod))!;
        template["Resources"]!["FleetVideoAnalyticsLaunchTemplateC794CC88"]!["Properties"]!["LaunchTemplateData"]!["MetadataOptions"]!["HttpPutResponseHopLimit"] = 2;
        File.WriteAllText(prod, template.ToJsonString());
        return dir;
    }
}
