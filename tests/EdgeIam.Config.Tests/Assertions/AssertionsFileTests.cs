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

    /// <summary><see cref="Stack"/> with a Roles Anywhere trust anchor, profile and role, for the permission kinds.</summary>
    private const string DeviceStack = Stack + """

        rolesAnywhere:
          trustAnchors:
            - name: fleet-pca
              acmPcaArn: arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/4f2d9c1e-8a7b-4c3d-9e0f-1a2b3c4d5e6f
          profiles:
            - name: edge-device
              trustAnchors: [fleet-pca]
              roles: [EdgeDeviceRole]
          roles:
            - name: EdgeDeviceRole
              allowedSubjects: ["camera-*"]
        """;

    private static Diagnostics.ConfigDiagnostic SingleDeviceStackError(string assertions)
    {
        var errors = Load(assertions, DeviceStack).Diagnostics.Where(d => d.IsError).ToList();
        Assert.True(errors.Count == 1, "expected exactly one error, got:\n" + string.Join("\n", errors));
        Assert.Equal(AssertionsPath, errors[0].File);
        Assert.True(errors[0].Line > 0 && errors[0].Column > 0, errors[0].ToString());
        return errors[0];
    }

    private const string Do = "assertions:\n  - id: a\n    cannotDo:\n";

    [Theory]
    [InlineData(Do + "      role: EdgeDeviceRole\n      assumableBy: oidc:token.actions.githubusercontent.com\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo", "has both `role` and `assumableBy`")]
    [InlineData(Do + "      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo", "names no role")]
    [InlineData(Do + "      role: EdgeDeviceRol\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.role", "did you mean 'EdgeDeviceRole'?")]
    [InlineData(Do + "      role: [EdgeDeviceRole]\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.role", "expected a single value")]
    [InlineData(Do + "      role: EdgeDeviceRole\n      session: profile:edge-devic\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.session", "did you mean 'profile:edge-device'?")]
    [InlineData(Do + "      role: EdgeDeviceRole\n      session: edge-device\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.session", "is not profile:NAME")]
    [InlineData(Do + "      role: GitHubDeploy\n      session: profile:edge-device\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.session", "does not list role GitHubDeploy")]
    [InlineData(Do + "      role: EdgeDeviceRole\n      resource: \"*\"\n", "assertions[0].cannotDo.action", "required")]
    [InlineData(Do + "      role: EdgeDeviceRole\n      action: iam\n      resource: \"*\"\n", "assertions[0].cannotDo.action", "not service:action")]
    [InlineData(Do + "      role: EdgeDeviceRole\n      action: s3:PutObjcet\n      resource: \"*\"\n", "assertions[0].cannotDo.action", "s3:PutObject")]
    [InlineData(Do + "      role: EdgeDeviceRole\n      action: iam:Nothing*\n      resource: \"*\"\n", "assertions[0].cannotDo.action", "iam:Nothing*")]
    [InlineData("assertions:\n  - id: a\n    canDo:\n      role: EdgeDeviceRole\n      action: s3:Put*\n      resource: \"*\"\n", "assertions[0].canDo.action", "is a pattern; canDo checks one request")]
    [InlineData(Do + "      role: EdgeDeviceRole\n      action: iam:PassRole\n", "assertions[0].cannotDo.resource", "required")]
    [InlineData(Do + "      role: EdgeDeviceRole\n      action: iam:PassRole\n      resource: bucket/key\n", "assertions[0].cannotDo.resource", "is not an ARN or *")]
    [InlineData(Do + "      role: EdgeDeviceRole\n      action: s3:PutObject\n      resource: arn:aws:s3:::bucket/*\n", "assertions[0].cannotDo.resource", "a request names an ARN without wildcards")]
    [InlineData(Do + "      role: EdgeDeviceRole\n      action: s3:PutObject\n      resource: { arn: x }\n", "assertions[0].cannotDo.resource", "expected a single value")]
    [InlineData(Do + "      role: EdgeDeviceRole\n      action: iam:PassRole\n      resource: \"*\"\n      context: {}\n", "assertions[0].cannotDo.context", "empty mapping")]
    [InlineData(Do + "      assumableBy: nobody\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.assumableBy", "")]
    [InlineData(Do + "      assumableBy:\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.assumableBy", "null")]
    [InlineData(Do + "      assumableBy: { principal: nobody }\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.assumableBy.principal", "")]
    [InlineData(Do + "      assumableBy: {}\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.assumableBy", "names no caller")]
    [InlineData(Do + "      assumableBy: { principal: \"222222222222\", device: { trustAnchor: fleet-pca } }\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.assumableBy", "both")]
    [InlineData(Do + "      assumableBy: { device: { trustAnchor: fleet-pc } }\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.assumableBy.device.trustAnchor", "did you mean 'fleet-pca'?")]
    [InlineData(Do + "      assumableBy: { device: { trustAnchor: fleet-pca }, action: sts:AssumeRole }\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.assumableBy.action", "a device's request is fixed")]
    [InlineData(Do + "      assumableBy: { principal: \"222222222222\", action: s3:GetObject }\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.assumableBy.action", "not an action a trust policy decides")]
    [InlineData(Do + "      assumableBy: [oidc:token.actions.githubusercontent.com]\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.assumableBy", "expected a mapping")]
    public void A_permission_assertion_that_would_test_nothing_is_an_error_at_its_line(string assertions, string keyPath, string message)
    {
        var error = SingleDeviceStackError(assertions);
        Assert.Equal(keyPath, error.KeyPath);
        Assert.Contains(message, error.Message + " " + error.Fix, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Fix));
    }

    /// <summary><see cref="DeviceStack"/> with an Identity Center permission set that is assigned and one that is not.</summary>
    private const string IdentityCenterStack = DeviceStack + """

        identityCenter:
          instanceArn: arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6
          permissionSets:
            - name: EdgeOperator
              managedPolicies: [ViewOnlyAccess]
            - name: EdgeAuditor
              managedPolicies: [SecurityAudit]
          assignments:
            - permissionSet: EdgeOperator
              groups: ["906747f0-b0e1-70f5-1b2a-7c1e2d3f4a5b"]
              accounts: ["111111111111"]
        """;

    [Theory]
    [InlineData(Do + "      permissionSet: EdgeOperatr\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.permissionSet", "did you mean 'EdgeOperator'?")]
    [InlineData(Do + "      permissionSet: EdgeAuditor\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.permissionSet", "has no assignment in this stack file")]
    [InlineData(Do + "      permissionSet: [EdgeOperator]\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.permissionSet", "expected a single value")]
    [InlineData(Do + "      permissionSet: EdgeOperator\n      role: EdgeDeviceRole\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo", "has both `role` and `permissionSet`")]
    [InlineData(Do + "      permissionSet: EdgeOperator\n      role: EdgeDeviceRole\n      assumableBy: \"222222222222\"\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo", "has all of `role` and `assumableBy` and `permissionSet`")]
    [InlineData(Do + "      permissionSet: EdgeOperator\n      session: profile:edge-device\n      action: iam:PassRole\n      resource: \"*\"\n", "assertions[0].cannotDo.session", "a permission set's session is its own")]
    public void A_permission_set_assertion_that_would_test_nothing_is_an_error_at_its_line(string assertions, string keyPath, string message)
    {
        var errors = Load(assertions, IdentityCenterStack).Diagnostics.Where(d => d.IsError).ToList();
        var error = Assert.Single(errors);
        Assert.Equal(AssertionsPath, error.File);
        Assert.True(error.Line > 0 && error.Column > 0, error.ToString());
        Assert.Equal(keyPath, error.KeyPath);
        Assert.Contains(message, error.Message + " " + error.Fix, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Fix));
    }

    [Fact]
    public void A_permission_set_assertion_reaches_the_metadata_exactly_as_written()
    {
        var result = Load(Do + "      permissionSet: EdgeOperator\n      action: iam:CreateAccessKey\n      resource: \"*\"\n", IdentityCenterStack);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var assertions = Assert.Single(result.Stacks).Assertions!;
        Assert.Equal(
            """{"id":"a","source":{"file":"stacks/dev.assertions.yaml","line":2,"column":5},"cannotDo":{"permissionSet":"EdgeOperator","action":"iam:CreateAccessKey","resource":"*"}}""",
            Assert.Single(assertions.Assertions).ToMetadata(assertions.File).ToJsonString());
    }

    [Fact]
    public void A_misspelt_permission_key_is_an_error_with_the_nearest_known_key()
    {
        var errors = Load(Do + "      role: EdgeDeviceRole\n      actions: iam:PassRole\n      resource: \"*\"\n", DeviceStack).Diagnostics.Where(d => d.IsError).ToList();
        Assert.Contains(errors, e => e.KeyPath == "assertions[0].cannotDo.actions" && e.Fix.Contains("did you mean `action`?", StringComparison.Ordinal));
    }

    [Fact]
    public void Permission_kinds_reach_the_metadata_exactly_as_written_with_the_shorthand_spelt_out()
    {
        var result = Load("""
            assertions:
              - id: devices-cannot-touch-iam
                cannotDo:
                  assumableBy:
                    device: { trustAnchor: fleet-pca, commonName: camera-7 }
                  session: profile:edge-device
                  action: iam:*
                  resource: "*"
                  context: { aws:PrincipalTag/x509Subject/CN: camera-7 }
              - id: accounts-cannot-pass-roles
                cannotDo: { assumableBy: "222222222222", action: iam:PassRole, resource: "*" }
              - id: devices-write-their-prefix
                canDo:
                  role: EdgeDeviceRole
                  action: s3:PutObject
                  resource: arn:aws:s3:::edge-telemetry/devices/camera-7/frame.jpg
            """, DeviceStack);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var assertions = Assert.Single(result.Stacks).Assertions!;
        var metadata = new JsonArray([.. assertions.Assertions.Select(a => (JsonNode)a.ToMetadata(assertions.File))]);
        Assert.Equal(
            """
            [{"id":"devices-cannot-touch-iam","source":{"file":"stacks/dev.assertions.yaml","line":2,"column":5},"cannotDo":{"assumableBy":{"device":{"trustAnchor":"fleet-pca","commonName":"camera-7"}},"session":"profile:edge-device","action":"iam:*","resource":"*","context":{"aws:PrincipalTag/x509Subject/CN":["camera-7"]}}},{"id":"accounts-cannot-pass-roles","source":{"file":"stacks/dev.assertions.yaml","line":10,"column":5},"cannotDo":{"assumableBy":{"principal":"222222222222"},"action":"iam:PassRole","resource":"*"}},{"id":"devices-write-their-prefix","source":{"file":"stacks/dev.assertions.yaml","line":12,"column":5},"canDo":{"role":"EdgeDeviceRole","action":"s3:PutObject","resource":"arn:aws:s3:::edge-telemetry/devices/camera-7/frame.jpg"}}]
            """,
            metadata.ToJsonString());
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
