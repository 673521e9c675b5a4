using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeIam.App.Tests.Commands;

/// <summary>
/// The policy commands end to end through <see cref="EdgeIamCli"/> over the policy engine's fixture assembly
/// (tests/EdgeIam.Policy.Tests/Fixtures/Assembly): exit codes, stdout/stderr split, the contract's flags.
/// </summary>
public sealed class PolicyCommandsTests
{
    private static readonly string Assembly = Path.Combine(RepositoryPaths.Root, "tests", "EdgeIam.Policy.Tests", "Fixtures", "Assembly");

    [Fact]
    public void Check_passes_on_clean_stacks()
    {
        var (code, output, _) = Run("check", "--assembly", Assembly);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("policy check: 2 stacks, 21 roles: 0 errors", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_exits_1_on_an_error_finding_and_names_the_rule()
    {
        var dir = CopyAssembly(t => t["Resources"]!["LegacyKey"] = JsonNode.Parse("""{"Type":"AWS::IAM::AccessKey","Properties":{"UserName":"legacy"}}"""));

        var (code, output, _) = Run("check", "--assembly", dir, "--stack", "dev");

        Assert.Equal(ExitCodes.Findings, code);
        Assert.Contains("EIAM-CRED-001", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_sarif_is_json_on_stdout_with_the_summary_on_stderr()
    {
        var (code, output, error) = Run("check", "--assembly", Assembly, "--format", "sarif");

        Assert.Equal(ExitCodes.Ok, code);
        using var sarif = JsonDocument.Parse(output);
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        Assert.Contains("policy check:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_reports_bad_input_with_file_and_json_path()
    {
        var dir = CopyAssembly(t => t["Resources"]!["OidcRolesGitHubDeployRole762AD053"]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Effect"] = "Permit");

        var (code, output, error) = Run("check", "--assembly", dir);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(output);
        Assert.Contains("EdgeIam-dev.template.json: $.Resources.OidcRolesGitHubDeployRole762AD053.Properties.AssumeRolePolicyDocument.Statement[0].Effect", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_of_a_missing_folder_is_bad_input() =>
        Assert.Equal(ExitCodes.BadInput, Run("check", "--assembly", Path.Combine(Assembly, "missing")).Code);

    [Fact]
    public void Access_json_names_every_role_and_subject()
    {
        var (code, output, _) = Run("access", "--assembly", Assembly, "--stack", "dev", "--format", "json");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("\"logicalId\": \"OidcRolesGitHubDeployRole762AD053\"", output, StringComparison.Ordinal);
        Assert.Contains("repo:acme/edge-app:ref:refs/heads/main", output, StringComparison.Ordinal);
        Assert.DoesNotContain("EdgeIam-prod", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_fails_on_widening_only_when_asked()
    {
        var widened = CopyAssembly(t => t["Resources"]!["OidcRolesGitHubDeployRole762AD053"]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Condition"]!["StringEquals"]!["token.actions.githubusercontent.com:sub"] = "repo:acme/*");

        Assert.Equal(ExitCodes.Ok, Run("diff", "--base", Assembly, "--head", Assembly, "--fail-on-widen").Code);
        Assert.Equal(ExitCodes.Ok, Run("diff", "--base", Assembly, "--head", widened).Code);
        var (code, output, _) = Run("diff", "--base", Assembly, "--head", widened, "--fail-on-widen", "--format", "markdown");
        Assert.Equal(ExitCodes.Findings, code);
        Assert.Contains("repo:acme/*", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sts.amazonaws.com", "repo:acme/edge-app:ref:refs/heads/main", ExitCodes.Ok)]
    [InlineData("someone-else", "repo:acme/edge-app:ref:refs/heads/main", ExitCodes.Findings)]
    [InlineData("sts.amazonaws.com", "repo:attacker/evil:ref:refs/heads/main", ExitCodes.Findings)]
    public void Can_assume_decides_oidc_requests(string audience, string subject, int expected)
    {
        const string Host = "token.actions.githubusercontent.com";
        var (code, output, _) = Run("can-assume", "--assembly", Assembly, "--stack", "dev", "--role", "GitHubDeploy",
            "--principal", $"oidc:{Host}", "--context", $"{Host}:aud={audience}", "--context", $"{Host}:sub={subject}");

        Assert.Equal(expected, code);
        Assert.Contains(expected == ExitCodes.Ok ? "decision:  Allowed" : "decision:  ImplicitlyDenied", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Can_assume_says_the_callers_identity_policy_must_also_allow_an_account_trust()
    {
        var (code, output, _) = Run("can-assume", "--assembly", Assembly, "--stack", "dev", "--role", "CrossAccountSecurityAuditRole0FF95E17",
            "--principal", "arn:aws:iam::222222222222:role/Caller", "--context", "sts:ExternalId=edge-audit-7f3c2a");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("identity policy: required", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--principal", "not-a-principal")]
    [InlineData("--role", "NoSuchRole")]
    [InlineData("--context", "no-equals-sign")]
    public void Can_assume_rejects_bad_input(string option, string value)
    {
        var args = new Dictionary<string, string>
        {
            ["--assembly"] = Assembly,
            ["--stack"] = "dev",
            ["--role"] = "GitHubDeploy",
            ["--principal"] = "service:ec2.amazonaws.com",
        };
        args[option] = value;

        var (code, _, error) = Run(["can-assume", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("edgeiam:", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = EdgeIamCli.Run(args, new CliContext(output, error, TimeProvider.System));
        return (code, output.ToString(), error.ToString());
    }

    private static string CopyAssembly(Action<JsonNode> editDev)
    {
        var dir = TestTemp.Folder("edgeiam-assembly-copy-");
        foreach (var file in Directory.GetFiles(Assembly))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        var dev = Path.Combine(dir, "EdgeIam-dev.template.json");
        var template = JsonNode.Parse(File.ReadAllText(dev))!;
        editDev(template);
        File.WriteAllText(dev, template.ToJsonString());
        return dir;
    }
}
