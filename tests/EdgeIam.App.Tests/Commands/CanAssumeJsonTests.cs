using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeIam.App.Tests.Commands;

/// <summary>
/// <c>can-assume --format json</c> over the fixture assembly (a real synth of the shipped stacks): the decision,
/// whether it is proved and on what it depends, the deciding statement and each condition's result, and the exit code.
/// </summary>
public sealed class CanAssumeJsonTests
{
    private const string GitHub = "token.actions.githubusercontent.com";
    private static readonly string Assembly = Path.Combine(RepositoryPaths.Root, "tests", "EdgeIam.Policy.Tests", "Fixtures", "Assembly");

    [Fact]
    public void An_allowed_request_names_the_deciding_statement_and_each_condition_that_held()
    {
        var (code, json) = CanAssume(Assembly, "GitHubDeploy", $"oidc:{GitHub}", $"{GitHub}:aud=sts.amazonaws.com", $"{GitHub}:sub=repo:acme/edge-app:ref:refs/heads/main");

        Assert.Equal(ExitCodes.Ok, code);
        var root = json.RootElement;
        Assert.Equal(("edgeiam can-assume", 1), (root.GetProperty("tool").GetString(), root.GetProperty("formatVersion").GetInt32()));
        Assert.Equal(("dev", "EdgeIam-dev", "GitHubDeploy", "OidcRolesGitHubDeployRole762AD053"),
            (root.GetProperty("stack").GetString(), root.GetProperty("stackId").GetString(), root.GetProperty("role").GetString(), root.GetProperty("logicalId").GetString()));
        Assert.Equal(("Allowed", true, true), (root.GetProperty("decision").GetString(), root.GetProperty("allowed").GetBoolean(), root.GetProperty("proved").GetBoolean()));
        Assert.Empty(root.GetProperty("dependsOn").EnumerateArray());
        Assert.Equal("sts:AssumeRoleWithWebIdentity", root.GetProperty("request").GetProperty("action").GetString());
        Assert.False(root.GetProperty("identityPolicyRequired").GetBoolean());

        var statement = Assert.Single(root.GetProperty("statements").EnumerateArray());
        Assert.True(statement.GetProperty("deciding").GetBoolean());
        Assert.Equal(("WebIdentityExactSubjects", 0, "Allow", "Exact"),
            (statement.GetProperty("sid").GetString(), statement.GetProperty("index").GetInt32(), statement.GetProperty("effect").GetString(), statement.GetProperty("principalMatch").GetString()));
        Assert.Equal("$.Resources.OidcRolesGitHubDeployRole762AD053.Properties.AssumeRolePolicyDocument.Statement[0]", statement.GetProperty("jsonPath").GetString());
        var conditions = statement.GetProperty("conditions").EnumerateArray().ToList();
        Assert.Equal([$"{GitHub}:aud", $"{GitHub}:sub"], conditions.Select(c => c.GetProperty("key").GetString()).Order(StringComparer.Ordinal));
        Assert.All(conditions, c => Assert.Equal((true, "Matched", "StringEquals"), (c.GetProperty("holds").GetBoolean(), c.GetProperty("outcome").GetString(), c.GetProperty("operator").GetString())));
        Assert.Empty(root.GetProperty("trustedPrincipals").EnumerateArray());
    }

    [Fact]
    public void A_denied_request_shows_the_statement_that_names_the_caller_and_the_condition_that_failed()
    {
        var (code, json) = CanAssume(Assembly, "GitHubDeploy", $"oidc:{GitHub}", $"{GitHub}:aud=sts.amazonaws.com", $"{GitHub}:sub=repo:attacker/evil:ref:refs/heads/main");

        Assert.Equal(ExitCodes.Findings, code);
        var root = json.RootElement;
        Assert.Equal(("ImplicitlyDenied", false, true), (root.GetProperty("decision").GetString(), root.GetProperty("allowed").GetBoolean(), root.GetProperty("proved").GetBoolean()));
        var statement = Assert.Single(root.GetProperty("statements").EnumerateArray());
        Assert.False(statement.GetProperty("deciding").GetBoolean());
        var failed = Assert.Single(statement.GetProperty("conditions").EnumerateArray(), c => !c.GetProperty("holds").GetBoolean());
        Assert.Equal(($"{GitHub}:sub", "NotMatched"), (failed.GetProperty("key").GetString(), failed.GetProperty("outcome").GetString()));
        Assert.Equal(["repo:attacker/evil:ref:refs/heads/main"], failed.GetProperty("requestValues").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["repo:acme/edge-app:ref:refs/heads/main"], failed.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void An_account_trust_is_allowed_only_with_the_external_id_and_needs_the_callers_identity_policy()
    {
        var (code, json) = CanAssume(Assembly, "SecurityAudit", "arn:aws:iam::222222222222:role/Caller", "sts:ExternalId=edge-audit-7f3c2a");
        var (deniedCode, denied) = CanAssume(Assembly, "SecurityAudit", "arn:aws:iam::222222222222:role/Caller", "sts:ExternalId=guessed");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.True(json.RootElement.GetProperty("identityPolicyRequired").GetBoolean());
        Assert.Equal("Account", Assert.Single(json.RootElement.GetProperty("statements").EnumerateArray()).GetProperty("principalMatch").GetString());
        Assert.Contains("identity policy must also allow", Assert.Single(json.RootElement.GetProperty("notes").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Findings, deniedCode);
        Assert.Equal("ImplicitlyDenied", denied.RootElement.GetProperty("decision").GetString());
    }

    [Fact]
    public void A_caller_no_statement_names_gets_the_trusted_principals_instead()
    {
        var (code, json) = CanAssume(Assembly, "video-analytics", "service:lambda.amazonaws.com");

        Assert.Equal(ExitCodes.Findings, code);
        Assert.Empty(json.RootElement.GetProperty("statements").EnumerateArray());
        var trusted = Assert.Single(json.RootElement.GetProperty("trustedPrincipals").EnumerateArray());
        Assert.Equal(["Service:ec2.amazonaws.com"], trusted.GetProperty("principals").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public void An_answer_that_depends_on_a_parameter_is_undetermined_never_allowed()
    {
        var dir = TestTemp.Folder("edgeiam-can-assume-");
        foreach (var file in Directory.GetFiles(Assembly))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        var path = Path.Combine(dir, "EdgeIam-dev.template.json");
        var template = JsonNode.Parse(File.ReadAllText(path))!;
        template["Parameters"] = JsonNode.Parse("""{"AuditExternalId":{"Type":"String"}}""");
        template["Resources"]!["CrossAccountSecurityAuditRole0FF95E17"]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Condition"]!["StringEquals"]!["sts:ExternalId"] =
            JsonNode.Parse("""{"Ref":"AuditExternalId"}""");
        File.WriteAllText(path, template.ToJsonString());

        // The caller sends the value the parameter would have in dev: still not provable from the template.
        var (code, json) = CanAssume(dir, "SecurityAudit", "arn:aws:iam::222222222222:role/Caller", "sts:ExternalId=edge-audit-7f3c2a");

        Assert.Equal(ExitCodes.Findings, code);
        var root = json.RootElement;
        Assert.Equal(("Undetermined", false, false), (root.GetProperty("decision").GetString(), root.GetProperty("allowed").GetBoolean(), root.GetProperty("proved").GetBoolean()));
        Assert.Contains("AuditExternalId", Assert.Single(root.GetProperty("dependsOn").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_stays_the_default_and_an_unknown_format_is_a_usage_error()
    {
        var text = CliRunner.Run("can-assume", "--assembly", Assembly, "--stack", "dev", "--role", "video-analytics", "--principal", "service:ec2.amazonaws.com");
        var xml = CliRunner.Run("can-assume", "--assembly", Assembly, "--stack", "dev", "--role", "video-analytics", "--principal", "service:ec2.amazonaws.com", "--format", "sarif");

        Assert.Equal(ExitCodes.Ok, text.ExitCode);
        Assert.Contains("decision:  Allowed", text.Out, StringComparison.Ordinal);
        Assert.Contains("deciding:  Allow Statement[0] at $.Resources.FleetVideoAnalyticsRole9CA1BF9F.Properties.AssumeRolePolicyDocument.Statement[0]", text.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, xml.ExitCode);
        Assert.Empty(xml.Out);
    }

    private static (int Code, JsonDocument Json) CanAssume(string assembly, string role, string principal, params string[] context)
    {
        string[] args = ["can-assume", "--assembly", assembly, "--stack", "dev", "--role", role, "--principal", principal, "--format", "json", .. context.SelectMany(c => new[] { "--context", c })];
        var result = CliRunner.Run(args);
        Assert.Empty(result.Error);
        return (result.ExitCode, JsonDocument.Parse(result.Out));
    }
}
