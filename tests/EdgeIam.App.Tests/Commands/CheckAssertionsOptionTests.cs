namespace EdgeIam.App.Tests.Commands;

/// <summary>
/// <c>check --assertions FILE</c>: another assertions file (the merge base's) is checked instead of the one the
/// template carries, so a PR cannot silence an assertion by deleting it in the same change.
/// </summary>
public sealed class CheckAssertionsOptionTests
{
    private static readonly string Assembly = Path.Combine(CliRunner.RepositoryRoot, "tests", "EdgeIam.Policy.Tests", "Fixtures", "Assembly");

    private static string Write(string name, string text)
    {
        var folder = TestTemp.Folder("edgeiam-assert-");
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void The_given_file_replaces_the_templates_assertions_and_its_failure_is_exit_1()
    {
        var file = Write("prod.assertions.yaml", """
            assertions:
              - id: nobody-deploys-prod
                cannotAssume:
                  role: GitHubDeployProd
                  principal: oidc:token.actions.githubusercontent.com
                  context:
                    token.actions.githubusercontent.com:aud: sts.amazonaws.com
                    token.actions.githubusercontent.com:sub: repo:acme/edge-app:environment:production
                    token.actions.githubusercontent.com:job_workflow_ref: acme/edge-app/.github/workflows/deploy.yml@refs/heads/main
            """);

        var result = CliRunner.Run("check", "--assembly", Assembly, "--stack", "prod", "--assertions", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("EIAM-ASSERT-002", result.Out, StringComparison.Ordinal);
        Assert.Contains($"in  {file}:2:5", result.Out, StringComparison.Ordinal);
        Assert.Contains("assertions: 0 held, 1 failed", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("pull-requests-cannot-deploy-prod", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_assertions_given_again_hold()
    {
        var result = CliRunner.Run("check", "--assembly", Assembly, "--stack", "prod", "--assertions", Path.Combine(CliRunner.RepositoryRoot, "stacks", "prod.assertions.yaml"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("assertions: 11 held, 0 failed", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prod.yaml", "assertions:\n  - id: a\n    webIdentityPins: { claims: [aud] }\n", "name it <stack>.assertions.yaml")]
    [InlineData("prod.assertions.yaml", "assertions:\n  - id: a\n    webIdentityPins: { claims: [] }\n", "prod.assertions.yaml:3:")]
    [InlineData("qa.assertions.yaml", "assertions:\n  - id: a\n    webIdentityPins: { claims: [aud] }\n", "not in")]
    public void A_bad_assertions_file_is_exit_2_and_says_why(string name, string text, string message)
    {
        var result = CliRunner.Run("check", "--assembly", Assembly, "--assertions", Write(name, text));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }
}
