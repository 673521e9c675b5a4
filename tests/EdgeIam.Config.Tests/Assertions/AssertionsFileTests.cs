using System.Text.Json.Nodes;
using EdgeIam.Config.Diagnostics;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Assertions;

/// <summary>
/// stacks/&lt;name&gt;.assertions.yaml: what the file says reaches the template exactly, and every way it could test
/// nothing (a typo in a role, an empty list, two kinds in one entry) is an error at its line, before synth.
/// </summary>
public sealed class AssertionsFileTests
{
    private const string Stack = StackFiles.Minimal + """
        oidc:
          providers:
            - name: github
              preset: github
          roles:
            - name: GitHubDeploy
              provider: github
              subjects: ["repo:acme/edge-app:ref:refs/heads/main"]
        crossAccount:
          - name: Audit
            trustedAccounts: ["222222222222"]
            externalId: audit-7f3c2a9b
        """;

    private static readonly string AssertionsPath = Path.Combine("stacks", "dev.assertions.yaml");

    private static StackLoadResult Load(string assertions, string stack = Stack) =>
        StackFiles.Load(stack, new Dictionary<string, string> { [AssertionsPath] = assertions });

    private static Diagnostics.ConfigDiagnostic SingleError(string assertions)
    {
        var errors = Load(assertions).Diagnostics.Where(d => d.IsError).ToList();
        Assert.True(errors.Count == 1, "expected exactly one error, got:\n" + string.Join("\n", errors));
        Assert.Equal(AssertionsPath, errors[0].File);
        Assert.True(errors[0].Line > 0 && errors[0].Column > 0, errors[0].ToString());
        return errors[0];
    }

    [Fact]
    public void Every_kind_reaches_the_metadata_exactly_as_written()
    {
        var result = Load("""
            assertions:
              - id: deploys
                why: main deploys
                canAssume:
                  role: GitHubDeploy
                  principal: oidc:token.actions.githubusercontent.com
                  context:
                    token.actions.githubusercontent.com:sub: repo:acme/edge-app:ref:refs/heads/main
                    token.actions.githubusercontent.com:amr: [a, b]
              - id: no-outsiders
                onlyAccounts: { accounts: ["222222222222"], organizations: [o-a1b2c3d4e5] }
              - id: github-only-deploy
                onlyRolesTrust: { principal: oidc:token.actions.githubusercontent.com, roles: [GitHubDeploy] }
              - id: pins
                webIdentityPins: { claims: [aud, sub] }
            """);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var assertions = Assert.Single(result.Stacks).Assertions!;
        Assert.Equal(AssertionsPath, assertions.File);
        var metadata = new JsonArray([.. assertions.Assertions.Select(a => (JsonNode)a.ToMetadata(assertions.File))]);
        Assert.Equal(
            """
            [{"id":"deploys","why":"main deploys","source":{"file":"stacks/dev.assertions.yaml","line":2,"column":5},"canAssume":{"role":"GitHubDeploy","principal":"oidc:token.actions.githubusercontent.com","context":{"token.actions.githubusercontent.com:sub":["repo:acme/edge-app:ref:refs/heads/main"],"token.actions.githubusercontent.com:amr":["a","b"]}}},{"id":"no-outsiders","source":{"file":"stacks/dev.assertions.yaml","line":10,"column":5},"onlyAccounts":{"accounts":["222222222222"],"organizations":["o-a1b2c3d4e5"]}},{"id":"github-only-deploy","source":{"file":"stacks/dev.assertions.yaml","line":12,"column":5},"onlyRolesTrust":{"principal":"oidc:token.actions.githubusercontent.com","roles":["GitHubDeploy"]}},{"id":"pins","source":{"file":"stacks/dev.assertions.yaml","line":14,"column":5},"webIdentityPins":{"claims":["aud","sub"]}}]
            """,
            metadata.ToJsonString());
    }

    [Fact]
    public void A_stack_without_an_assertions_file_has_none() => Assert.Null(StackFiles.Valid(Stack).Assertions);

    [Theory]
    [InlineData("assertions: []\n", "assertions", "empty list")]
    [InlineData("assertions:\n  - why: no id\n    webIdentityPins: { claims: [aud] }\n", "assertions[0].id", "")]
    [InlineData("assertions:\n  - id: Bad_Id\n    webIdentityPins: { claims: [aud] }\n", "assertions[0].id", "assertion ID")]
    [InlineData("assertions:\n  - id: a\n", "assertions[0]", "says nothing")]
    [InlineData("assertions:\n  - id: a\n    webIdentityPins: { claims: [aud] }\n    onlyAccounts: { accounts: [\"222222222222\"] }\n", "assertions[0]", "checks one thing")]
    [InlineData("assertions:\n  - id: a\n    canAssume: { role: GitHubDeplo, principal: \"222222222222\" }\n", "assertions[0].canAssume.role", "no role 'GitHubDeplo'")]
    [InlineData("assertions:\n  - id: a\n    canAssume: { role: GitHubDeploy }\n", "assertions[0].canAssume", "names no caller")]
    [InlineData("assertions:\n  - id: a\n    canAssume: { role: GitHubDeploy, principal: \"222222222222\", device: { trustAnchor: x } }\n", "assertions[0].canAssume", "both")]
    [InlineData("assertions:\n  - id: a\n    canAssume: { role: GitHubDeploy, principal: \"nobody\" }\n", "assertions[0].canAssume.principal", "")]
    [InlineData("assertions:\n  - id: a\n    canAssume: { role: GitHubDeploy, principal: \"222222222222\", action: \"s3:GetObject\" }\n", "assertions[0].canAssume.action", "not an action a trust policy decides")]
    [InlineData("assertions:\n  - id: a\n    canAssume: { role: GitHubDeploy, principal: \"222222222222\", context: {} }\n", "assertions[0].canAssume.context", "empty mapping")]
    [InlineData("assertions:\n  - id: a\n    canAssume: { role: GitHubDeploy, principal: \"222222222222\", context: { \"aws:PrincipalTag/x\": ~ } }\n", "assertions[0].canAssume.context.aws:PrincipalTag/x", "null")]
    [InlineData("assertions:\n  - id: a\n    canAssume: { role: GitHubDeploy, principal: \"222222222222\", context: { k: { nested: v } } }\n", "assertions[0].canAssume.context.k", "single value")]
    [InlineData("assertions:\n  - id: a\n    canAssume: { role: GitHubDeploy, principal: \"222222222222\", context: { k: [] } }\n", "assertions[0].canAssume.context.k", "empty list")]
    [InlineData("assertions:\n  - id: a\n    canAssume: { role: GitHubDeploy, principal: \"222222222222\", context: { aws:SourceIp: a, AWS:SOURCEIP: b } }\n", "assertions[0].canAssume.context.AWS:SOURCEIP", "appears twice")]
    [InlineData("assertions:\n  - id: a\n    canAssume: { role: GitHubDeploy, device: { trustAnchor: missing-ca } }\n", "assertions[0].canAssume.device.trustAnchor", "no trust anchor")]
    [InlineData("assertions:\n  - id: a\n    onlyAccounts: { accounts: [\"2222\"] }\n", "assertions[0].onlyAccounts.accounts[0]", "12-digit")]
    [InlineData("assertions:\n  - id: a\n    onlyAccounts: { organizations: [o-x] }\n", "assertions[0].onlyAccounts.organizations[0]", "Organizations ID")]
    [InlineData("assertions:\n  - id: a\n    onlyRolesTrust: { principal: \"222222222222\", roles: [Audit, Nope] }\n", "assertions[0].onlyRolesTrust.roles[1]", "no role 'Nope'")]
    [InlineData("assertions:\n  - id: a\n    onlyRolesTrust: { principal: \"222222222222\", roles: [] }\n", "assertions[0].onlyRolesTrust.roles", "empty list")]
    [InlineData("assertions:\n  - id: a\n    webIdentityPins: { claims: [\"su*\"] }\n", "assertions[0].webIdentityPins.claims[0]", "not a token claim")]
    [InlineData("assertions:\n  - id: a\n    webIdentityPins: { claims: [aud, aud] }\n", "assertions[0].webIdentityPins.claims[1]", "listed twice")]
    [InlineData("assertions:\n  - id: a\n    noRoleAcceptsTrustAnchor: { trustAnchor: old-ca }\n", "assertions[0].noRoleAcceptsTrustAnchor.trustAnchor", "defines no trust anchor")]
    public void What_would_test_nothing_is_an_error_at_its_line(string assertions, string keyPath, string message)
    {
        var error = SingleError(assertions);
        Assert.Equal(keyPath, error.KeyPath);
        Assert.Contains(message, error.Message + " " + error.Fix, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Fix));
    }

    [Theory]
    [InlineData("assertion:\n  - id: x\n", "assertion", "did you mean `assertions`?")]
    [InlineData("assertions:\n  - id: a\n    cannAssume: { role: GitHubDeploy }\n", "assertions[0].cannAssume", "did you mean `canAssume`?")]
    public void A_misspelt_key_is_an_error_with_the_nearest_known_key(string assertions, string keyPath, string fix)
    {
        var errors = Load(assertions).Diagnostics.Where(d => d.IsError).ToList();
        Assert.Contains(errors, e => e.KeyPath == keyPath && e.Message.Contains("unknown key", StringComparison.Ordinal) && e.Fix.Contains(fix, StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_assertions_file_is_an_error_saying_what_it_must_hold()
    {
        var error = Assert.Single(Load(string.Empty).Diagnostics, d => d.IsError);
        Assert.Equal((AssertionsPath, "the file is empty"), (error.File, error.Message));
        Assert.Contains("`assertions:`", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_id_is_reported_at_the_second()
    {
        var error = SingleError("""
            assertions:
              - id: same
                webIdentityPins: { claims: [aud] }
              - id: same
                webIdentityPins: { claims: [sub] }
            """);

        Assert.Equal(("assertions[1].id", 4), (error.KeyPath, error.Line));
        Assert.Contains("assertions[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_of_both_files_come_out_at_once()
    {
        var result = Load("assertions:\n  - id: a\n    webIdentityPins: { claims: [\"*\"] }\n", Stack.Replace("region: us-east-1", "region: us-east-9", StringComparison.Ordinal));

        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        Assert.Contains(errors, e => e.File.EndsWith("dev.yaml", StringComparison.Ordinal) && e.KeyPath == "region");
        Assert.True(errors.Any(e => e.File == AssertionsPath && e.KeyPath == "assertions[0].webIdentityPins.claims[0]"), string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Stacks);
    }

    [Fact]
    public void An_assertions_file_without_its_stack_file_is_a_warning_that_it_checks_nothing()
    {
        var files = new Moq.Mock<EdgeIam.Config.Reading.IFileSource>(Moq.MockBehavior.Strict);
        var stack = Path.Combine("stacks", "dev.yaml");
        files.Setup(f => f.StackFiles("stacks")).Returns([Path.Combine("stacks", "dev.assertions.yaml"), stack, Path.Combine("stacks", "qa.assertions.yaml")]);
        files.Setup(f => f.FileExists(Moq.It.IsAny<string>())).Returns((string p) => p == stack);
        files.Setup(f => f.ReadAllText(stack)).Returns(StackFiles.Minimal);

        var result = new StackConfigLoader(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(StackFiles.Now), files.Object).LoadDirectory("stacks", []);

        Assert.False(result.HasErrors);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((Path.Combine("stacks", "qa.assertions.yaml"), DiagnosticSeverity.Warning), (warning.File, warning.Severity));
        Assert.Contains("no qa.yaml", warning.Message, StringComparison.Ordinal);
        Assert.Contains("not checked", warning.Message, StringComparison.Ordinal);
        Assert.Equal(["dev"], result.Stacks.Select(s => s.Name));
    }
}
