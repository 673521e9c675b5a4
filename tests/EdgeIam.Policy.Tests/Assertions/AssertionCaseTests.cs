using System.Text;
using System.Text.Json.Nodes;
using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Tests.Assertions;

/// <summary>
/// The access assertions, attacked: every way a template could make one pass without proving it (an answer that
/// depends on a parameter, a branch, a wildcard principal, a negated operator) fails it, and a hand-edited
/// <c>edgeiam:assertions</c> the engine cannot read in full is bad input, never skipped.
/// </summary>
public sealed class AssertionCaseTests
{
    private const string Gh = "token.actions.githubusercontent.com";
    private const string GhArn = "arn:aws:iam::111111111111:oidc-provider/" + Gh;

    private static JsonObject Role(params JsonObject[] statements) => new()
    {
        ["Type"] = "AWS::IAM::Role",
        ["Properties"] = new JsonObject { ["AssumeRolePolicyDocument"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) } },
    };

    private static JsonObject Statement(string effect, JsonNode principal, JsonNode action, JsonObject? condition = null)
    {
        var s = new JsonObject { ["Effect"] = effect, ["Principal"] = principal, ["Action"] = action };
        if (condition is not null)
        {
            s["Condition"] = condition;
        }

        return s;
    }

    private static JsonObject Web(JsonObject condition) => Statement("Allow", new JsonObject { ["Federated"] = GhArn }, "sts:AssumeRoleWithWebIdentity", condition);

    private static JsonObject Aws(string principal, JsonObject? condition = null, string effect = "Allow") =>
        Statement(effect, new JsonObject { ["AWS"] = principal }, "sts:AssumeRole", condition);

    private static JsonObject Device(JsonNode action, JsonObject? condition) =>
        Statement("Allow", new JsonObject { ["Service"] = "rolesanywhere.amazonaws.com" }, action, condition);

    private static JsonObject Anchor(string name) => new()
    {
        ["Type"] = "AWS::RolesAnywhere::TrustAnchor",
        ["Metadata"] = new JsonObject { ["edgeiam:trustAnchor"] = name },
        ["Properties"] = new JsonObject { ["Name"] = name, ["Source"] = new JsonObject { ["SourceType"] = "CERTIFICATE_BUNDLE" } },
    };

    private static JsonObject Cond(string op, string key, params string[] values) => new() { [op] = new JsonObject { [key] = new JsonArray([.. values.Select(v => (JsonNode)v)]) } };

    private static JsonObject Assertion(string kind, JsonObject body) => new()
    {
        ["id"] = "a",
        ["source"] = new JsonObject { ["file"] = "stacks/t.assertions.yaml", ["line"] = 3, ["column"] = 5 },
        [kind] = body.DeepClone(),
    };

    private static StackTemplate Read(JsonObject resources, JsonNode assertions, JsonObject? extra = null)
    {
        var template = new JsonObject { ["Metadata"] = new JsonObject { ["edgeiam:assertions"] = assertions }, ["Resources"] = resources };
        foreach (var (key, value) in extra ?? [])
        {
            template[key] = value!.DeepClone();
        }

        return TemplateReader.Read(Encoding.UTF8.GetBytes(template.ToJsonString()), "t.json", "t", "EdgeIam-t", StackEnvironment.Parse("aws://111111111111/us-east-1"));
    }

    /// <summary>The EIAM-ASSERT findings of a one-assertion template (empty when the assertion held).</summary>
    private static List<Finding> Failures(JsonObject resources, string kind, JsonObject body, JsonObject? extra = null) =>
        [.. PolicyCheck.CheckStack(Read(resources, new JsonArray(Assertion(kind, body)), extra)).Where(f => f.AssertionId is not null)];

    private static JsonObject Request(string role, string sub) => new()
    {
        ["role"] = role,
        ["principal"] = "oidc:" + Gh,
        ["context"] = new JsonObject { [Gh + ":aud"] = new JsonArray("sts.amazonaws.com"), [Gh + ":sub"] = new JsonArray(sub) },
    };

    private static JsonObject Exact => new() { ["StringEquals"] = new JsonObject { [Gh + ":aud"] = "sts.amazonaws.com", [Gh + ":sub"] = "repo:acme/app:ref:refs/heads/main" } };

    [Fact]
    public void CannotAssume_fails_when_the_answer_depends_on_a_parameter()
    {
        var trust = Web(new JsonObject { ["StringEquals"] = new JsonObject { [Gh + ":aud"] = "sts.amazonaws.com", [Gh + ":sub"] = new JsonObject { ["Ref"] = "AllowedSubject" } } });
        var extra = new JsonObject { ["Parameters"] = new JsonObject { ["AllowedSubject"] = new JsonObject { ["Type"] = "String" } } };

        var failure = Assert.Single(Failures(new JsonObject { ["R"] = Role(trust) }, "cannotAssume", Request("R", "repo:acme/app:pull_request"), extra));

        Assert.Equal("EIAM-ASSERT-002", failure.Rule.Id);
        Assert.Contains("cannot be proved", failure.Message, StringComparison.Ordinal);
        Assert.Equal(("stacks/t.assertions.yaml", 3, 5), (failure.SourceLine!.Value.File, failure.SourceLine.Value.Line, failure.SourceLine.Value.Column));
    }

    [Fact]
    public void CannotAssume_fails_when_one_deploy_time_branch_allows()
    {
        var trust = new JsonObject { ["Fn::If"] = new JsonArray("Open", Web(new JsonObject { ["StringEquals"] = new JsonObject { [Gh + ":aud"] = "sts.amazonaws.com" } }), Web(Exact)) };
        var resources = new JsonObject
        {
            ["R"] = new JsonObject { ["Type"] = "AWS::IAM::Role", ["Properties"] = new JsonObject { ["AssumeRolePolicyDocument"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(trust) } } },
        };
        var extra = new JsonObject { ["Conditions"] = new JsonObject { ["Open"] = new JsonObject { ["Fn::Equals"] = new JsonArray(new JsonObject { ["Ref"] = "Mode" }, "open") } }, ["Parameters"] = new JsonObject { ["Mode"] = new JsonObject { ["Type"] = "String" } } };

        var failure = Assert.Single(Failures(resources, "cannotAssume", Request("R", "repo:acme/app:pull_request"), extra));
        Assert.Contains("cannot be proved", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("canAssume", "repo:acme/app:ref:refs/heads/main", false)]
    [InlineData("canAssume", "repo:acme/app:pull_request", true)]
    [InlineData("cannotAssume", "repo:acme/app:pull_request", false)]
    [InlineData("cannotAssume", "repo:acme/app:ref:refs/heads/main", true)]
    public void Assume_assertions_hold_exactly_when_the_decision_says(string kind, string sub, bool fails) =>
        Assert.Equal(fails, Failures(new JsonObject { ["R"] = Role(Web(Exact)) }, kind, Request("R", sub)).Count == 1);

    [Theory]
    [InlineData("canAssume")]
    [InlineData("cannotAssume")]
    public void A_role_that_is_not_there_fails_both_kinds(string kind)
    {
        var failure = Assert.Single(Failures(new JsonObject { ["R"] = Role(Web(Exact)) }, kind, Request("Gone", "x")));
        Assert.Contains("no role 'Gone'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_needs_all_three_actions_and_its_anchor()
    {
        var anchor = Cond("ArnEquals", "aws:SourceArn", "${New.TrustAnchorArn}");
        anchor["ArnEquals"]!["aws:SourceArn"] = new JsonArray(new JsonObject { ["Fn::GetAtt"] = new JsonArray("New", "TrustAnchorArn") });
        JsonObject Resources(JsonNode actions) => new() { ["New"] = Anchor("new-ca"), ["Old"] = Anchor("old-ca"), ["R"] = Role(Device(actions.DeepClone(), (JsonObject)anchor.DeepClone())) };
        JsonObject Body(string name) => new() { ["role"] = "R", ["device"] = new JsonObject { ["trustAnchor"] = name, ["commonName"] = "camera-7" } };
        var all = new JsonArray("sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity");

        Assert.Empty(Failures(Resources(all), "canAssume", Body("new-ca")));
        Assert.Contains("sts:TagSession", Assert.Single(Failures(Resources(new JsonArray("sts:AssumeRole", "sts:SetSourceIdentity")), "canAssume", Body("new-ca"))).Message, StringComparison.Ordinal);
        Assert.Empty(Failures(Resources(new JsonArray("sts:AssumeRole")), "cannotAssume", Body("new-ca")));
        Assert.Empty(Failures(Resources(all), "cannotAssume", Body("old-ca")));
        Assert.Single(Failures(Resources(all), "canAssume", Body("old-ca")));
        Assert.Contains("no trust anchor 'gone-ca'", Assert.Single(Failures(Resources(all), "cannotAssume", Body("gone-ca"))).Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, JsonObject, bool> OnlyAccountsCases() => new()
    {
        { "listed account", Aws("arn:aws:iam::222222222222:role/Auditor"), false },
        { "own account", Aws("arn:aws:iam::111111111111:role/Ops"), false },
        { "other account", Aws("arn:aws:iam::333333333333:root"), true },
        { "bare other account", Aws("444444444444"), true },
        { "anyone", Aws("*"), true },
        { "anyone in a listed organization", Aws("*", Cond("StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5")), false },
        { "anyone in an organization pattern", Aws("*", Cond("StringLike", "aws:PrincipalOrgID", "o-*")), true },
        { "anyone in another organization", Aws("*", Cond("StringEquals", "aws:PrincipalOrgID", "o-zzzzzzzzzz")), true },
        { "anyone, IfExists on the organization", Aws("*", Cond("StringEqualsIfExists", "aws:PrincipalOrgID", "o-a1b2c3d4e5")), true },
        { "anyone from a listed account", Aws("*", Cond("StringEquals", "aws:PrincipalAccount", "222222222222")), false },
        { "other account in a listed organization", Aws("arn:aws:iam::333333333333:root", Cond("StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5")), false },
        { "a Deny naming another account grants nothing", Aws("arn:aws:iam::333333333333:root", effect: "Deny"), false },
        { "NotPrincipal", new JsonObject { ["Effect"] = "Allow", ["NotPrincipal"] = new JsonObject { ["AWS"] = "arn:aws:iam::222222222222:root" }, ["Action"] = "sts:AssumeRole" }, true },
        { "an account the template does not fix", Statement("Allow", new JsonObject { ["AWS"] = new JsonObject { ["Fn::Sub"] = "arn:aws:iam::${Partner}:root" } }, "sts:AssumeRole"), true },
        { "a service", Statement("Allow", new JsonObject { ["Service"] = "ec2.amazonaws.com" }, "sts:AssumeRole"), false },
    };

    [Theory]
    [MemberData(nameof(OnlyAccountsCases))]
    public void OnlyAccounts_counts_everything_that_could_be_outside(string name, JsonObject statement, bool fails)
    {
        var extra = new JsonObject { ["Parameters"] = new JsonObject { ["Partner"] = new JsonObject { ["Type"] = "String", ["Default"] = "222222222222" } } };
        var body = new JsonObject { ["accounts"] = new JsonArray("222222222222"), ["organizations"] = new JsonArray("o-a1b2c3d4e5") };
        Assert.True(fails == (Failures(new JsonObject { ["R"] = Role(statement) }, "onlyAccounts", body, extra).Count == 1), name);
    }

    [Theory]
    [InlineData("named in a listed role", "R", false)]
    [InlineData("named in another role", "Other", true)]
    public void OnlyRolesTrust_reads_principals_not_conditions(string name, string trusting, bool fails)
    {
        // A condition no token could meet still counts: the role trusts the provider, however narrowly.
        var narrow = Web(Cond("StringEquals", Gh + ":sub", "nobody"));
        var resources = new JsonObject { ["R"] = Role(Web(Exact)), ["Other"] = Role(Aws("arn:aws:iam::111111111111:role/Ops")) };
        resources[trusting] = Role(narrow);
        var body = new JsonObject { ["principal"] = "oidc:" + Gh, ["roles"] = new JsonArray("R") };
        Assert.True(fails == (Failures(resources, "onlyRolesTrust", body).Count == 1), name);
    }

    [Fact]
    public void OnlyRolesTrust_counts_anyone_and_not_principal_but_not_a_deny()
    {
        var body = new JsonObject { ["principal"] = "222222222222", ["roles"] = new JsonArray("R") };
        Assert.Single(Failures(new JsonObject { ["R"] = Role(Web(Exact)), ["Other"] = Role(Aws("*")) }, "onlyRolesTrust", body));
        Assert.Single(Failures(new JsonObject { ["Other"] = Role(new JsonObject { ["Effect"] = "Allow", ["NotPrincipal"] = new JsonObject { ["AWS"] = "arn:aws:iam::999999999999:root" }, ["Action"] = "sts:AssumeRole" }) }, "onlyRolesTrust", body));
        Assert.Empty(Failures(new JsonObject { ["Other"] = Role(Aws("arn:aws:iam::222222222222:root", effect: "Deny")) }, "onlyRolesTrust", body));
    }

    [Theory]
    [InlineData("StringEquals", "sts.amazonaws.com", false)]
    [InlineData("StringEquals", "sts.*", true)]
    [InlineData("StringLike", "sts.amazonaws.com", true)]
    [InlineData("StringEqualsIfExists", "sts.amazonaws.com", true)]
    [InlineData("ForAnyValue:StringEquals", "sts.amazonaws.com", true)]
    public void WebIdentityPins_wants_a_plain_StringEquals_on_exact_values(string op, string value, bool fails)
    {
        var condition = Cond(op, Gh + ":aud", value);
        condition["StringEquals"] = condition["StringEquals"]?.DeepClone() ?? new JsonObject();
        ((JsonObject)condition["StringEquals"]!)[Gh + ":sub"] = "repo:acme/app:ref:refs/heads/main";
        Assert.Equal(fails, Failures(new JsonObject { ["R"] = Role(Web(condition)) }, "webIdentityPins", new JsonObject { ["claims"] = new JsonArray("aud", "sub") }).Count == 1);
    }

    public static TheoryData<string, JsonObject?, bool> AnchorCases() => new()
    {
        { "pinned to the other anchor", new JsonObject { ["ArnEquals"] = new JsonObject { ["aws:SourceArn"] = new JsonArray(new JsonObject { ["Fn::GetAtt"] = new JsonArray("New", "TrustAnchorArn") }) } }, false },
        { "pinned to the forbidden anchor", new JsonObject { ["ArnEquals"] = new JsonObject { ["aws:SourceArn"] = new JsonArray(new JsonObject { ["Fn::GetAtt"] = new JsonArray("Old", "TrustAnchorArn") }) } }, true },
        { "pinned to a literal anchor elsewhere", Cond("ArnEquals", "aws:SourceArn", "arn:aws:rolesanywhere:us-east-1:111111111111:trust-anchor/0a1b2c3d-0000-4000-8000-000000000000"), false },
        { "an anchor pattern", Cond("ArnLike", "aws:SourceArn", "arn:aws:rolesanywhere:*:111111111111:trust-anchor/*"), true },
        { "a negated operator", new JsonObject { ["ArnNotEquals"] = new JsonObject { ["aws:SourceArn"] = new JsonArray(new JsonObject { ["Fn::GetAtt"] = new JsonArray("Old", "TrustAnchorArn") }) } }, true },
        { "no aws:SourceArn", null, true },
    };

    [Theory]
    [MemberData(nameof(AnchorCases))]
    public void NoRoleAcceptsTrustAnchor_needs_a_source_arn_that_excludes_it(string name, JsonObject? condition, bool fails)
    {
        var resources = new JsonObject { ["Old"] = Anchor("old-ca"), ["New"] = Anchor("new-ca"), ["R"] = Role(Device(new JsonArray("sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"), condition)) };
        Assert.True(fails == (Failures(resources, "noRoleAcceptsTrustAnchor", new JsonObject { ["trustAnchor"] = "old-ca" }).Count == 1), name);
    }

    public static TheoryData<string, string, string> HostileMetadata() => new()
    {
        { "not an array", """{"id": "a"}""", "must be an array" },
        { "no id", """[{"source": {"file": "f", "line": 1, "column": 1}, "webIdentityPins": {"claims": ["aud"]}}]""", "id" },
        { "no source", """[{"id": "a", "webIdentityPins": {"claims": ["aud"]}}]""", "source" },
        { "line 0", """[{"id": "a", "source": {"file": "f", "line": 0, "column": 1}, "webIdentityPins": {"claims": ["aud"]}}]""", "positive" },
        { "no kind", """[{"id": "a", "source": {"file": "f", "line": 1, "column": 1}}]""", "exactly one of" },
        { "two kinds", """[{"id": "a", "source": {"file": "f", "line": 1, "column": 1}, "webIdentityPins": {"claims": ["aud"]}, "onlyAccounts": {"accounts": ["222222222222"]}}]""", "exactly one of" },
        { "unknown key", """[{"id": "a", "source": {"file": "f", "line": 1, "column": 1}, "webIdentityPins": {"claims": ["aud"], "claimz": []}}]""", "unknown key" },
        { "empty claims", """[{"id": "a", "source": {"file": "f", "line": 1, "column": 1}, "webIdentityPins": {"claims": []}}]""", "empty" },
        { "a number for a role", """[{"id": "a", "source": {"file": "f", "line": 1, "column": 1}, "canAssume": {"role": 5, "principal": "222222222222"}}]""", "non-empty string" },
        { "principal and device", """[{"id": "a", "source": {"file": "f", "line": 1, "column": 1}, "canAssume": {"role": "R", "principal": "222222222222", "device": {"trustAnchor": "x"}}}]""", "exactly one of \"principal\"" },
        { "a context value that is not a list", """[{"id": "a", "source": {"file": "f", "line": 1, "column": 1}, "canAssume": {"role": "R", "principal": "222222222222", "context": {"k": "v"}}}]""", "array of strings" },
        { "context keys equal ignoring case", """[{"id": "a", "source": {"file": "f", "line": 1, "column": 1}, "canAssume": {"role": "R", "principal": "222222222222", "context": {"k": ["v"], "K": ["w"]}}}]""", "appears twice" },
        { "duplicate IDs", """[{"id": "a", "source": {"file": "f", "line": 1, "column": 1}, "webIdentityPins": {"claims": ["aud"]}}, {"id": "a", "source": {"file": "f", "line": 2, "column": 1}, "webIdentityPins": {"claims": ["sub"]}}]""", "appears twice" },
    };

    [Theory]
    [MemberData(nameof(HostileMetadata))]
    public void Metadata_the_engine_cannot_read_in_full_is_bad_input(string name, string assertions, string message)
    {
        var error = Assert.Throws<TemplateException>(() => Read(new JsonObject { ["R"] = Role(Web(Exact)) }, JsonNode.Parse(assertions)!));
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{name}: {error.Message}");
        Assert.StartsWith("$.Metadata['edgeiam:assertions']", error.JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Failures_say_what_they_are_about_and_why_the_assertion_exists()
    {
        var resources = new JsonObject { ["R"] = Role(Web(Exact)), ["Other"] = Role(Web(Exact)) };
        var body = new JsonObject { ["principal"] = "oidc:" + Gh, ["roles"] = new JsonArray("R") };
        var assertion = Assertion("onlyRolesTrust", body);
        assertion["why"] = "only R deploys";
        var failure = Assert.Single(PolicyCheck.CheckStack(Read(resources, new JsonArray(assertion))), f => f.AssertionId == "a");

        Assert.Equal(("Other", "$.Resources.Other.Properties.AssumeRolePolicyDocument.Statement[0]"), (failure.ResourceLogicalId, failure.JsonPath));
        Assert.Equal(
            $"assertion 'a' (stacks/t.assertions.yaml:3:5) failed: Other Statement[0] trusts oidc:{Gh}, which only R may trust. (why it exists: only R deploys)",
            failure.Message);
    }

    [Fact]
    public void An_assertion_naming_what_the_stack_lacks_fails_at_the_assertion()
    {
        var noAnchor = Assert.Single(Failures(new JsonObject { ["R"] = Role(Web(Exact)) }, "noRoleAcceptsTrustAnchor", new JsonObject { ["trustAnchor"] = "gone-ca" }));
        Assert.Equal(("assertion:a", "$.Metadata['edgeiam:assertions'][0]"), (noAnchor.ResourceLogicalId, noAnchor.JsonPath));
        Assert.Contains("no trust anchor 'gone-ca'", noAnchor.Message, StringComparison.Ordinal);

        var badPrincipal = Assert.Single(Failures(new JsonObject { ["R"] = Role(Web(Exact)) }, "onlyRolesTrust", new JsonObject { ["principal"] = "nobody", ["roles"] = new JsonArray("R") }));
        Assert.Contains("principal 'nobody'", badPrincipal.Message, StringComparison.Ordinal);
        Assert.Equal("assertion:a", badPrincipal.ResourceLogicalId);
    }

    [Fact]
    public void A_failed_canAssume_points_at_the_statement_that_names_the_caller()
    {
        var failure = Assert.Single(Failures(new JsonObject { ["R"] = Role(Web(Exact)) }, "canAssume", Request("R", "repo:acme/app:pull_request")));
        Assert.Equal("$.Resources.R.Properties.AssumeRolePolicyDocument.Statement[0]", failure.JsonPath);
        Assert.Contains("R must be assumable, but sts:AssumeRoleWithWebIdentity by oidc:" + Gh + " is denied", failure.Message, StringComparison.Ordinal);
    }
}
