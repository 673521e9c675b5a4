using System.Text;
using System.Text.Json.Nodes;
using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Tests.Assertions;

/// <summary>
/// <c>canDo</c> (EIAM-ASSERT-007) and <c>cannotDo</c> (EIAM-ASSERT-008), attacked: every way a template could make
/// "this session cannot do X" pass without proving it (an Allow that needs only a key the assertion leaves out, a
/// resource variable, a Deny that a key would lift or that covers only some resources, an unknown policy, a
/// deploy-time value, a branch, a role whose trust cannot be proved) fails it, and a hand-edited body the engine
/// cannot read in full is bad input.
/// </summary>
public sealed class PermissionAssertionCaseTests
{
    private const string Gh = "token.actions.githubusercontent.com";
    private const string GhArn = "arn:aws:iam::111111111111:oidc-provider/" + Gh;
    private const string Bucket = "arn:aws:s3:::edge-telemetry";

    private static JsonObject Allow(JsonNode action, JsonNode resource, JsonObject? condition = null, string? sid = null) => Statement("Allow", action, resource, condition, sid);

    private static JsonObject Deny(JsonNode action, JsonNode resource, JsonObject? condition = null) => Statement("Deny", action, resource, condition, null);

    private static JsonObject Statement(string effect, JsonNode action, JsonNode resource, JsonObject? condition, string? sid)
    {
        var s = new JsonObject { ["Effect"] = effect, ["Action"] = action.DeepClone(), ["Resource"] = resource.DeepClone() };
        if (sid is not null)
        {
            s["Sid"] = sid;
        }

        if (condition is not null)
        {
            s["Condition"] = condition.DeepClone();
        }

        return s;
    }

    private static JsonObject Cond(string op, string key, params string[] values) => new() { [op] = new JsonObject { [key] = new JsonArray([.. values.Select(v => (JsonNode)v)]) } };

    private static JsonObject Document(params JsonObject[] statements) => new() { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements.Select(s => s.DeepClone())]) };

    private static JsonObject WebTrust(string sub) => new()
    {
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["Federated"] = GhArn },
        ["Action"] = "sts:AssumeRoleWithWebIdentity",
        ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { [Gh + ":aud"] = "sts.amazonaws.com", [Gh + ":sub"] = sub } },
    };

    private static readonly JsonObject ServiceTrust = new()
    {
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["Service"] = "ec2.amazonaws.com" },
        ["Action"] = "sts:AssumeRole",
    };

    /// <summary>A role with one inline policy of <paramref name="statements"/>.</summary>
    private static JsonObject Role(JsonObject? trust, params JsonObject[] statements) => RoleWith(trust, statements.Length == 0 ? null : new JsonArray(Inline(statements)));

    private static JsonObject Inline(params JsonObject[] statements) => new() { ["PolicyName"] = "p", ["PolicyDocument"] = Document(statements) };

    private static JsonObject RoleWith(JsonObject? trust, JsonNode? policies, JsonArray? managed = null, string? boundary = null)
    {
        var properties = new JsonObject { ["AssumeRolePolicyDocument"] = Document(trust ?? ServiceTrust) };
        if (policies is not null)
        {
            properties["Policies"] = policies.DeepClone();
        }

        if (managed is not null)
        {
            properties["ManagedPolicyArns"] = managed.DeepClone();
        }

        if (boundary is not null)
        {
            properties["PermissionsBoundary"] = boundary;
        }

        return new JsonObject { ["Type"] = "AWS::IAM::Role", ["Properties"] = properties };
    }

    private static JsonObject Profile(string name, JsonObject? sessionPolicy, params string[] roles)
    {
        var properties = new JsonObject
        {
            ["Name"] = name,
            ["RoleArns"] = new JsonArray([.. roles.Select(r => (JsonNode)new JsonObject { ["Fn::GetAtt"] = new JsonArray(r, "Arn") })]),
        };
        if (sessionPolicy is not null)
        {
            properties["SessionPolicy"] = sessionPolicy.ToJsonString();
        }

        return new JsonObject { ["Type"] = "AWS::RolesAnywhere::Profile", ["Properties"] = properties };
    }

    private static JsonObject Body(string role, string action, string resource, JsonObject? context = null, string? session = null)
    {
        var body = new JsonObject { ["role"] = role };
        if (session is not null)
        {
            body["session"] = session;
        }

        body["action"] = action;
        body["resource"] = resource;
        if (context is not null)
        {
            body["context"] = context.DeepClone();
        }

        return body;
    }

    private static JsonObject Ctx(params (string Key, string Value)[] pairs)
    {
        var context = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            context[key] = new JsonArray(value);
        }

        return context;
    }

    private static JsonObject Assertion(string kind, JsonObject body) => new()
    {
        ["id"] = "a",
        ["source"] = new JsonObject { ["file"] = "stacks/t.assertions.yaml", ["line"] = 3, ["column"] = 5 },
        [kind] = body.DeepClone(),
    };

    private static StackTemplate Read(JsonObject resources, JsonNode assertions, JsonObject? extra = null)
    {
        var template = new JsonObject { ["Metadata"] = new JsonObject { ["edgeiam:assertions"] = assertions.DeepClone() }, ["Resources"] = resources.DeepClone() };
        foreach (var (key, value) in extra ?? [])
        {
            template[key] = value!.DeepClone();
        }

        return TemplateReader.Read(Encoding.UTF8.GetBytes(template.ToJsonString()), "t.json", "t", "EdgeIam-t", StackEnvironment.Parse("aws://111111111111/us-east-1"));
    }

    /// <summary>The EIAM-ASSERT findings of a one-assertion template (empty when the assertion held).</summary>
    private static List<Finding> Failures(JsonObject resources, string kind, JsonObject body, JsonObject? extra = null) =>
        [.. PolicyCheck.CheckStack(Read(resources, new JsonArray(Assertion(kind, body)), extra)).Where(f => f.AssertionId is not null)];

    private static Finding Fails(JsonObject resources, string kind, JsonObject body, string message, JsonObject? extra = null)
    {
        var failures = Failures(resources, kind, body, extra);
        var failure = Assert.Single(failures);
        Assert.Equal(kind == "canDo" ? "EIAM-ASSERT-007" : "EIAM-ASSERT-008", failure.Rule.Id);
        Assert.True(failure.Message.Contains(message, StringComparison.Ordinal), failure.Message);
        return failure;
    }

    private static void Holds(JsonObject resources, string kind, JsonObject body, JsonObject? extra = null)
    {
        var failures = Failures(resources, kind, body, extra);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => f.Message)));
    }

    [Fact]
    public void CannotDo_fails_on_an_allow_and_points_at_the_statement()
    {
        var failure = Fails(new JsonObject { ["R"] = Role(null, Allow("iam:PassRole", "*", sid: "Pass")) }, "cannotDo", Body("R", "iam:PassRole", "*"), "it is allowed");
        Assert.Equal("$.Resources.R.Properties.Policies[0].PolicyDocument.Statement[0]", failure.JsonPath);
        Assert.Equal("R", failure.ResourceLogicalId);
        Assert.Contains("R must not be able to do iam:PassRole on any resource", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Allow Pass", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, failure.SourceLine!.Value.Line);
    }

    [Fact]
    public void CannotDo_with_a_pattern_checks_every_matching_action_and_names_the_first_few_allowed()
    {
        var resources = new JsonObject { ["R"] = Role(null, Allow(new JsonArray("iam:GetRole", "iam:ListRoles", "iam:PassRole", "iam:TagRole"), "*")) };
        var failure = Fails(resources, "cannotDo", Body("R", "iam:*", "*"), "4 of the ");
        Assert.Matches(@"4 of the \d+ actions iam:\* matches \(iam:GetRole, iam:ListRoles, iam:PassRole and 1 more\)", failure.Message);

        Holds(new JsonObject { ["R"] = Role(null, Allow("s3:GetObject", "*")) }, "cannotDo", Body("R", "iam:*", "*"));
    }

    [Fact]
    public void NotAction_allows_what_it_does_not_name()
    {
        Fails(new JsonObject { ["R"] = Role(null, new JsonObject { ["Effect"] = "Allow", ["NotAction"] = "s3:*", ["Resource"] = "*" }) }, "cannotDo", Body("R", "iam:PassRole", "*"), "it is allowed");
        Holds(new JsonObject { ["R"] = Role(null, new JsonObject { ["Effect"] = "Allow", ["NotAction"] = "iam:*", ["Resource"] = "*" }) }, "cannotDo", Body("R", "iam:PassRole", "*"));
    }

    [Theory]
    [InlineData(null, true, "would be allowed once the request carries aws:RequestedRegion")]
    [InlineData("eu-west-1", false, null)]
    [InlineData("us-east-1", true, "it is allowed")]
    public void An_allow_that_needs_a_key_the_assertion_leaves_out_fails_cannotDo(string? region, bool fails, string? message)
    {
        var resources = new JsonObject { ["R"] = Role(null, Allow("s3:PutObject", Bucket + "/*", Cond("StringEquals", "aws:RequestedRegion", "us-east-1"))) };
        var body = Body("R", "s3:PutObject", Bucket + "/k", region is null ? null : Ctx(("aws:RequestedRegion", region)));
        if (fails)
        {
            Fails(resources, "cannotDo", body, message!);
        }
        else
        {
            Holds(resources, "cannotDo", body);
        }
    }

    [Theory]
    [InlineData(null, true, "would be allowed once the request carries aws:PrincipalTag/x509Subject/CN")]
    [InlineData("camera-7", false, null)]
    [InlineData("sensor-1", true, "it is allowed")]
    public void A_resource_variable_the_request_lacks_is_a_conditional_allow(string? cn, bool fails, string? message)
    {
        // The Roles Anywhere device prefix: each device writes under its own CN.
        var resources = new JsonObject { ["R"] = Role(null, Allow("s3:PutObject", Bucket + "/devices/${aws:PrincipalTag/x509Subject/CN}/*")) };
        var body = Body("R", "s3:PutObject", Bucket + "/devices/sensor-1/frame", cn is null ? null : Ctx(("aws:PrincipalTag/x509Subject/CN", cn)));
        if (fails)
        {
            Fails(resources, "cannotDo", body, message!);
        }
        else
        {
            Holds(resources, "cannotDo", body);
        }
    }

    [Fact]
    public void A_condition_value_variable_the_request_lacks_is_a_conditional_allow()
    {
        var list = Allow("s3:ListBucket", Bucket, Cond("StringLike", "s3:prefix", "devices/${aws:PrincipalTag/x509Subject/CN}/*"));
        var resources = new JsonObject { ["R"] = Role(null, list) };
        Fails(resources, "cannotDo", Body("R", "s3:ListBucket", Bucket, Ctx(("s3:prefix", "devices/sensor-1/"))), "would be allowed once the request carries aws:PrincipalTag/x509Subject/CN");
        Holds(resources, "cannotDo", Body("R", "s3:ListBucket", Bucket, Ctx(("s3:prefix", "devices/sensor-1/"), ("aws:PrincipalTag/x509Subject/CN", "camera-7"))));
    }

    [Fact]
    public void Resource_star_means_any_resource_for_cannotDo_and_the_literal_request_for_canDo()
    {
        var resources = new JsonObject { ["R"] = Role(null, Allow("s3:PutObject", Bucket + "/*")) };
        Fails(resources, "cannotDo", Body("R", "s3:PutObject", "*"), "on any resource, but s3:PutObject: it is allowed");
        Holds(resources, "cannotDo", Body("R", "s3:PutObject", "arn:aws:s3:::other-bucket/k"));
        Fails(resources, "canDo", Body("R", "s3:PutObject", "*"), "ImplicitlyDenied");
        Holds(resources, "canDo", Body("R", "s3:PutObject", Bucket + "/k"));
    }

    [Fact]
    public void Only_a_deny_on_every_resource_rules_out_any_resource()
    {
        JsonObject Resources(JsonNode denied) => new() { ["R"] = Role(null, Allow("s3:*", "*"), Deny("s3:PutObject", denied)) };
        Holds(Resources("*"), "cannotDo", Body("R", "s3:PutObject", "*"));
        Holds(Resources("arn:*"), "cannotDo", Body("R", "s3:PutObject", "*"));
        Fails(Resources(Bucket + "/*"), "cannotDo", Body("R", "s3:PutObject", "*"), "does not deny it on every resource");
        Fails(Resources("arn:aws:s3:::*"), "cannotDo", Body("R", "s3:PutObject", "*"), "does not deny it on every resource");
        Holds(Resources(Bucket + "/*"), "cannotDo", Body("R", "s3:PutObject", Bucket + "/k"));
    }

    [Theory]
    [InlineData(null, true, "applies only while the request lacks aws:SourceVpc")]
    [InlineData("vpc-2", false, null)]
    [InlineData("vpc-1", true, "it is allowed")]
    public void A_deny_that_a_missing_key_turns_on_does_not_prove_cannotDo(string? vpc, bool fails, string? message)
    {
        // Deny unless the request comes from vpc-1: without aws:SourceVpc it denies, but a request from vpc-1 is allowed.
        var resources = new JsonObject { ["R"] = Role(null, Allow("s3:PutObject", "*"), Deny("s3:PutObject", "*", Cond("StringNotEquals", "aws:SourceVpc", "vpc-1"))) };
        var body = Body("R", "s3:PutObject", "*", vpc is null ? null : Ctx(("aws:SourceVpc", vpc)));
        if (fails)
        {
            Fails(resources, "cannotDo", body, message!);
        }
        else
        {
            Holds(resources, "cannotDo", body);
        }
    }

    [Fact]
    public void A_deny_on_a_null_check_is_lifted_by_the_key_it_checks()
    {
        var resources = new JsonObject { ["R"] = Role(null, Allow("s3:PutObject", "*"), Deny("s3:PutObject", "*", Cond("Null", "aws:MultiFactorAuthAge", "true"))) };
        Fails(resources, "cannotDo", Body("R", "s3:PutObject", Bucket + "/k"), "applies only while the request lacks aws:MultiFactorAuthAge");
    }

    [Fact]
    public void An_unknown_managed_policy_cannot_prove_either_way()
    {
        var resources = new JsonObject { ["R"] = RoleWith(null, null, new JsonArray("arn:aws:iam::111111111111:policy/TeamPolicy")) };
        Fails(resources, "cannotDo", Body("R", "iam:PassRole", "*"), "it cannot be proved: the identity policies could allow it");
        Fails(resources, "canDo", Body("R", "iam:PassRole", "*"), "CannotProve");
    }

    [Fact]
    public void An_unknown_boundary_decides_nothing_the_identity_policies_do_not_grant()
    {
        const string Boundary = "arn:aws:iam::111111111111:policy/EdgeIamBoundary";
        var resources = new JsonObject { ["R"] = RoleWith(null, new JsonArray(Inline(Allow("s3:PutObject", Bucket + "/*"))), boundary: Boundary) };
        Holds(resources, "cannotDo", Body("R", "iam:*", "*"));
        Fails(resources, "cannotDo", Body("R", "s3:PutObject", "*"), "it cannot be proved: the permissions boundary could allow it");
        Fails(resources, "canDo", Body("R", "s3:PutObject", Bucket + "/k"), "the permissions boundary cannot be proved");
    }

    [Fact]
    public void An_AWS_managed_policy_is_read_from_the_snapshot()
    {
        var resources = new JsonObject { ["R"] = RoleWith(null, null, new JsonArray("arn:aws:iam::aws:policy/ReadOnlyAccess")) };
        Holds(resources, "cannotDo", Body("R", "s3:PutObject", "*"));
        Holds(resources, "canDo", Body("R", "s3:GetObject", Bucket + "/k"));
        var failure = Fails(resources, "cannotDo", Body("R", "s3:GetObject", "*"), "AWS managed ReadOnlyAccess");
        Assert.Equal("$.Resources.R", failure.JsonPath);
    }

    [Fact]
    public void A_deploy_time_resource_cannot_prove_an_arn_but_is_some_resource()
    {
        var resource = new JsonObject { ["Fn::Join"] = new JsonArray("", new JsonArray(new JsonObject { ["Fn::GetAtt"] = new JsonArray("B", "Arn") }, "/*")) };
        var resources = new JsonObject
        {
            ["B"] = new JsonObject { ["Type"] = "AWS::S3::Bucket" },
            ["R"] = Role(null, Allow("s3:PutObject", resource)),
        };
        Fails(resources, "cannotDo", Body("R", "s3:PutObject", "arn:aws:s3:::other/k"), "holds a deploy-time value");
        Fails(resources, "cannotDo", Body("R", "s3:PutObject", "*"), "it is allowed");
        Fails(resources, "canDo", Body("R", "s3:PutObject", "arn:aws:s3:::other/k"), "CannotProve");
    }

    [Fact]
    public void A_deploy_time_branch_that_allows_fails_cannotDo()
    {
        var policies = new JsonObject { ["Fn::If"] = new JsonArray("Open", new JsonArray(Inline(Allow("iam:PassRole", "*"))), new JsonArray(Inline(Allow("s3:GetObject", "*")))) };
        var extra = new JsonObject
        {
            ["Conditions"] = new JsonObject { ["Open"] = new JsonObject { ["Fn::Equals"] = new JsonArray(new JsonObject { ["Ref"] = "Mode" }, "open") } },
            ["Parameters"] = new JsonObject { ["Mode"] = new JsonObject { ["Type"] = "String" } },
        };
        var failure = Fails(new JsonObject { ["R"] = RoleWith(null, policies) }, "cannotDo", Body("R", "iam:PassRole", "*"), "it is allowed", extra);
        Assert.Contains("(when Open=true)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_policy_narrows_the_role_in_its_session_only()
    {
        var session = Document(Deny(new JsonArray("iam:*"), "*"), Allow("*", "*"));
        var resources = new JsonObject { ["R"] = Role(null, Allow("iam:PassRole", "*")), ["P"] = Profile("edge-device", session, "R") };
        Holds(resources, "cannotDo", Body("R", "iam:*", "*", session: "profile:edge-device"));
        Fails(resources, "cannotDo", Body("R", "iam:*", "*"), "it is allowed");
        Fails(resources, "canDo", Body("R", "iam:PassRole", "arn:aws:iam::111111111111:role/x", session: "profile:edge-device"), "denied by profile edge-device session policy");
    }

    [Fact]
    public void A_session_policy_that_allows_only_with_a_key_is_a_conditional_allow()
    {
        var session = Document(Allow("s3:*", "*", Cond("StringEquals", "aws:SourceVpce", "vpce-1")));
        var resources = new JsonObject { ["R"] = Role(null, Allow("s3:PutObject", "*")), ["P"] = Profile("edge-device", session, "R") };
        var failure = Fails(resources, "cannotDo", Body("R", "s3:PutObject", Bucket + "/k", session: "profile:edge-device"), "would be allowed once the request carries aws:SourceVpce");
        Assert.Equal("$.Resources.P", failure.JsonPath);
        Holds(resources, "cannotDo", Body("R", "s3:PutObject", Bucket + "/k", Ctx(("aws:SourceVpce", "vpce-2")), "profile:edge-device"));
    }

    [Fact]
    public void CanDo_holds_only_when_proved_allowed_and_says_which_layer_refused()
    {
        var resources = new JsonObject { ["R"] = Role(null, Allow("s3:PutObject", Bucket + "/*"), Deny("s3:PutObject", Bucket + "/secret/*")) };
        Holds(resources, "canDo", Body("R", "s3:PutObject", Bucket + "/k"));
        var denied = Fails(resources, "canDo", Body("R", "s3:PutObject", Bucket + "/secret/k"), "ExplicitlyDenied: denied by inline p: Deny Statement[1]");
        Assert.Equal("$.Resources.R.Properties.Policies[0].PolicyDocument.Statement[1]", denied.JsonPath);
        Fails(resources, "canDo", Body("R", "s3:GetObject", Bucket + "/k"), "ImplicitlyDenied: the identity policies grant nothing that matches");
    }

    [Fact]
    public void CanDo_names_the_allow_a_missing_key_keeps_out()
    {
        var resources = new JsonObject { ["R"] = Role(null, Allow("s3:PutObject", "*", Cond("StringEquals", "aws:RequestedRegion", "us-east-1"), "Regional")) };
        Fails(resources, "canDo", Body("R", "s3:PutObject", Bucket + "/k"), "Allow Regional ($.Resources.R.Properties.Policies[0].PolicyDocument.Statement[0]) would allow it once the request carries StringEquals aws:RequestedRegion us-east-1");
    }

    private static JsonObject ByPull(string action, string resource, JsonObject? trustContext = null)
    {
        var context = trustContext ?? new JsonObject
        {
            [Gh + ":aud"] = new JsonArray("sts.amazonaws.com"),
            [Gh + ":sub"] = new JsonArray("repo:acme/app:pull_request"),
        };
        return new JsonObject
        {
            ["assumableBy"] = new JsonObject { ["principal"] = "oidc:" + Gh, ["context"] = context },
            ["action"] = action,
            ["resource"] = resource,
        };
    }

    [Fact]
    public void AssumableBy_applies_to_every_role_that_lets_the_caller_in()
    {
        var resources = new JsonObject
        {
            ["Plan"] = Role(WebTrust("repo:acme/app:pull_request"), Allow("s3:GetObject", "*")),
            ["Deploy"] = Role(WebTrust("repo:acme/app:ref:refs/heads/main"), Allow("s3:PutObject", "*")),
            ["Ec2"] = Role(null, Allow("s3:PutObject", "*")),
        };
        Holds(resources, "cannotDo", ByPull("s3:PutObject", "*"));
        var failure = Fails(resources, "cannotDo", ByPull("s3:GetObject", "*"), "Plan must not be able to do s3:GetObject");
        Assert.Equal("Plan", failure.ResourceLogicalId);
        Holds(resources, "canDo", ByPull("s3:GetObject", Bucket + "/k"));
        Fails(resources, "canDo", ByPull("s3:PutObject", Bucket + "/k"), "Plan must be allowed s3:PutObject");

        // Two roles let the caller in: each that breaks it is its own finding.
        resources["Plan2"] = Role(WebTrust("repo:acme/app:pull_request"), Allow("s3:GetObject", "*"));
        Assert.Equal(["Plan", "Plan2"], Failures(resources, "cannotDo", ByPull("s3:GetObject", "*")).Select(f => f.ResourceLogicalId).Order());
    }

    [Fact]
    public void A_role_whose_trust_cannot_be_proved_counts_as_assumable()
    {
        var trust = WebTrust("placeholder");
        trust["Condition"]!["StringEquals"]![Gh + ":sub"] = new JsonObject { ["Ref"] = "Subject" };
        var extra = new JsonObject { ["Parameters"] = new JsonObject { ["Subject"] = new JsonObject { ["Type"] = "String" } } };
        var resources = new JsonObject { ["Maybe"] = Role(trust, Allow("s3:PutObject", "*")) };

        var failure = Fails(resources, "cannotDo", ByPull("s3:PutObject", "*"), "its trust cannot be proved to refuse oidc:" + Gh + ", so it counts as assumable", extra);
        Assert.Equal("Maybe", failure.ResourceLogicalId);

        // canDo needs a role proved to let the caller in.
        Fails(resources, "canDo", ByPull("s3:PutObject", Bucket + "/k"), "no role of the stack is proved to let oidc:" + Gh + " in", extra);
    }

    [Fact]
    public void AssumableBy_that_no_role_lets_in_checks_nothing_and_fails()
    {
        var resources = new JsonObject { ["Deploy"] = Role(WebTrust("repo:acme/app:ref:refs/heads/main"), Allow("s3:PutObject", "*")) };
        var failure = Fails(resources, "cannotDo", ByPull("s3:PutObject", "*"), "so the assertion checks nothing");
        Assert.Equal(("assertion:a", "$.Metadata['edgeiam:assertions'][0]"), (failure.ResourceLogicalId, failure.JsonPath));
    }

    [Fact]
    public void AssumableBy_a_device_evaluates_the_roles_its_certificate_reaches()
    {
        var anchor = new JsonObject
        {
            ["Type"] = "AWS::RolesAnywhere::TrustAnchor",
            ["Metadata"] = new JsonObject { ["edgeiam:trustAnchor"] = "edge-ca" },
            ["Properties"] = new JsonObject { ["Name"] = "edge-ca", ["Source"] = new JsonObject { ["SourceType"] = "CERTIFICATE_BUNDLE" } },
        };
        JsonObject DeviceTrust(string cn) => new()
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = "rolesanywhere.amazonaws.com" },
            ["Action"] = new JsonArray("sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"),
            ["Condition"] = new JsonObject
            {
                ["ArnEquals"] = new JsonObject { ["aws:SourceArn"] = new JsonArray(new JsonObject { ["Fn::GetAtt"] = new JsonArray("Ca", "TrustAnchorArn") }) },
                ["StringLike"] = new JsonObject { ["aws:PrincipalTag/x509Subject/CN"] = cn },
            },
        };
        var resources = new JsonObject
        {
            ["Ca"] = anchor,
            ["Device"] = Role(DeviceTrust("camera-*"), Allow("s3:PutObject", Bucket + "/*")),
            ["Plc"] = Role(DeviceTrust("plc-*"), Allow("iam:PassRole", "*")),
        };
        JsonObject DeviceBody(string action) => new()
        {
            ["assumableBy"] = new JsonObject { ["device"] = new JsonObject { ["trustAnchor"] = "edge-ca", ["commonName"] = "camera-7" } },
            ["action"] = action,
            ["resource"] = "*",
        };

        Holds(resources, "cannotDo", DeviceBody("iam:*"));
        Fails(resources, "cannotDo", DeviceBody("s3:PutObject"), "Device must not be able to do s3:PutObject");
        var missing = DeviceBody("iam:*");
        missing["assumableBy"]!["device"]!["trustAnchor"] = "gone-ca";
        Fails(resources, "cannotDo", missing, "no trust anchor 'gone-ca'");
    }

    public static TheoryData<string, JsonObject, string> WhatTheStackLacks() => new()
    {
        { "an unknown role", Body("Gone", "iam:PassRole", "*"), "no role 'Gone'" },
        { "an unknown action", Body("R", "iam:PassRoel", "*"), "action 'iam:PassRoel'" },
        { "a pattern matching nothing", Body("R", "iam:Nothing*", "*"), "action 'iam:Nothing*'" },
        { "not an ARN", Body("R", "iam:PassRole", "role/x"), "resource 'role/x' is not an ARN" },
        { "a session that is not a profile", Body("R", "iam:PassRole", "*", session: "edge-device"), "session 'edge-device' is not profile:NAME" },
        { "an unknown profile", Body("R", "iam:PassRole", "*", session: "profile:gone"), "no Roles Anywhere profile 'gone'" },
        { "a profile that does not list the role", Body("Other", "iam:PassRole", "*", session: "profile:edge-device"), "does not list role Other" },
        { "a principal that does not parse", new JsonObject { ["assumableBy"] = new JsonObject { ["principal"] = "nobody" }, ["action"] = "iam:PassRole", ["resource"] = "*" }, "assumableBy: principal 'nobody'" },
    };

    [Theory]
    [MemberData(nameof(WhatTheStackLacks))]
    public void An_assertion_naming_what_the_stack_lacks_fails_at_the_assertion(string name, JsonObject body, string message)
    {
        var resources = new JsonObject { ["R"] = Role(null, Allow("s3:GetObject", "*")), ["Other"] = Role(null), ["P"] = Profile("edge-device", null, "R") };
        var failure = Assert.Single(Failures(resources, "cannotDo", body));
        Assert.True(failure.Message.Contains(message, StringComparison.Ordinal), $"{name}: {failure.Message}");
        Assert.Equal("assertion:a", failure.ResourceLogicalId);
    }

    /// <summary>An Identity Center permission set with an inline policy of <paramref name="statements"/> and <paramref name="managed"/> AWS managed policies.</summary>
    private static JsonObject PermissionSet(string name, JsonArray? managed, params JsonObject[] statements)
    {
        var properties = new JsonObject { ["InstanceArn"] = "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6", ["Name"] = name };
        if (statements.Length > 0)
        {
            properties["InlinePolicy"] = Document(statements);
        }

        if (managed is not null)
        {
            properties["ManagedPolicies"] = managed.DeepClone();
        }

        return new JsonObject { ["Type"] = "AWS::SSO::PermissionSet", ["Properties"] = properties, ["Metadata"] = new JsonObject { ["edgeiam:role"] = name } };
    }

    private static JsonObject Assignment(string set, string account = "111111111111") => new()
    {
        ["Type"] = "AWS::SSO::Assignment",
        ["Properties"] = new JsonObject
        {
            ["InstanceArn"] = "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6",
            ["PermissionSetArn"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray(set, "PermissionSetArn") },
            ["PrincipalId"] = "906747f0-b0e1-70f5-1b2a-7c1e2d3f4a5b",
            ["PrincipalType"] = "GROUP",
            ["TargetId"] = account,
            ["TargetType"] = "AWS_ACCOUNT",
        },
    };

    private static JsonObject SetBody(string set, string action, string resource, JsonObject? context = null)
    {
        var body = new JsonObject { ["permissionSet"] = set, ["action"] = action, ["resource"] = resource };
        if (context is not null)
        {
            body["context"] = context.DeepClone();
        }

        return body;
    }

    private const string Instance = "arn:aws:ec2:us-east-1:111111111111:instance/i-0123456789abcdef0";

    [Fact]
    public void A_permission_set_is_decided_by_its_inline_and_managed_policies()
    {
        var resources = new JsonObject
        {
            ["Ops"] = PermissionSet("EdgeOperator", new JsonArray("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"), Allow("ec2:RebootInstances", "arn:aws:ec2:us-east-1:111111111111:instance/*", sid: "Reboot")),
            ["OpsToDev"] = Assignment("Ops"),
        };

        Holds(resources, "canDo", SetBody("EdgeOperator", "ec2:RebootInstances", Instance));
        Holds(resources, "canDo", SetBody("EdgeOperator", "ec2:DescribeInstances", "*"));
        Holds(resources, "cannotDo", SetBody("EdgeOperator", "iam:CreateAccessKey", "*"));
        Holds(resources, "cannotDo", SetBody("EdgeOperator", "ec2:TerminateInstances", "*"));
        var failure = Fails(resources, "cannotDo", SetBody("EdgeOperator", "ec2:RebootInstances", "*"), "it is allowed");
        Assert.Equal("$.Resources.Ops.Properties.InlinePolicy.Statement[0]", failure.JsonPath);
        Fails(resources, "canDo", SetBody("EdgeOperator", "ec2:TerminateInstances", Instance), "ImplicitlyDenied");
    }

    [Fact]
    public void A_permission_set_with_an_administrator_policy_fails_cannotDo()
    {
        var resources = new JsonObject { ["Admin"] = PermissionSet("EdgeBreakGlass", new JsonArray("arn:aws:iam::aws:policy/AdministratorAccess")), ["A"] = Assignment("Admin") };
        Fails(resources, "cannotDo", SetBody("EdgeBreakGlass", "iam:CreateAccessKey", "*"), "EdgeBreakGlass (Admin) must not be able to do iam:CreateAccessKey on any resource, but iam:CreateAccessKey: it is allowed");
    }

    [Fact]
    public void A_customer_managed_policy_of_the_assigned_accounts_cannot_be_seen_so_neither_kind_holds()
    {
        var set = PermissionSet("EdgeOperator", null, Allow("ec2:RebootInstances", "*"));
        set["Properties"]!["CustomerManagedPolicyReferences"] = new JsonArray(new JsonObject { ["Name"] = "EdgeOperatorExtras" });
        var resources = new JsonObject { ["Ops"] = set, ["A"] = Assignment("Ops") };
        Fails(resources, "cannotDo", SetBody("EdgeOperator", "iam:CreateAccessKey", "*"), "customer managed policy /EdgeOperatorExtras is defined by each account the permission set is assigned to");
        Fails(resources, "canDo", SetBody("EdgeOperator", "ec2:RebootInstances", Instance), "but it is CannotProve: the identity policies cannot be proved");
    }

    [Theory]
    [InlineData("aws:PrincipalArn")]
    [InlineData("aws:PrincipalAccount")]
    [InlineData("aws:userid")]
    public void A_statement_that_reads_the_sessions_principal_cannot_be_decided_for_a_permission_set(string key)
    {
        // The AWSReservedSSO_ role's suffix is chosen by Identity Center: a placeholder must not decide anything.
        var resources = new JsonObject
        {
            ["Ops"] = PermissionSet("EdgeOperator", null, Allow("iam:CreateAccessKey", "*", Cond("StringLike", key, "*AWSReservedSSO_EdgeOperator_0000000000000000*"), sid: "Keys"), Allow("ec2:RebootInstances", "*")),
            ["A"] = Assignment("Ops"),
        };
        var failure = Fails(resources, "cannotDo", SetBody("EdgeOperator", "iam:CreateAccessKey", "*"), $"statement Keys reads {key}");
        Assert.Equal("$.Resources.Ops.Properties.InlinePolicy.Statement[0]", failure.JsonPath);
        Fails(resources, "canDo", SetBody("EdgeOperator", "iam:CreateAccessKey", "*"), "cannot be proved either way");

        // A statement that cannot decide the action is no obstacle.
        Holds(resources, "canDo", SetBody("EdgeOperator", "ec2:RebootInstances", Instance));
    }

    [Fact]
    public void A_resource_variable_of_the_sessions_principal_cannot_be_decided_for_a_permission_set()
    {
        var resources = new JsonObject
        {
            ["Ops"] = PermissionSet("EdgeOperator", null, Allow("s3:PutObject", "arn:aws:s3:::edge-ops/${aws:userid}/*", sid: "Own")),
            ["A"] = Assignment("Ops"),
        };
        Fails(resources, "cannotDo", SetBody("EdgeOperator", "s3:PutObject", "arn:aws:s3:::edge-ops/someone/x"), "statement Own reads aws:userid");
    }

    public static TheoryData<string, JsonObject, string> WhatTheIdentityCenterLacks() => new()
    {
        { "an unknown permission set", SetBody("EdgeOperatr", "ec2:RebootInstances", "*"), "no Identity Center permission set 'EdgeOperatr' (permission sets: EdgeAuditor, EdgeOperator)" },
        { "a permission set without an assignment", SetBody("EdgeAuditor", "ec2:RebootInstances", "*"), "permission set EdgeAuditor is assigned to no account in the stack" },
    };

    [Theory]
    [MemberData(nameof(WhatTheIdentityCenterLacks))]
    public void A_permission_set_assertion_that_would_check_nothing_fails_at_the_assertion(string name, JsonObject body, string message)
    {
        var resources = new JsonObject
        {
            ["Ops"] = PermissionSet("EdgeOperator", null, Allow("ec2:RebootInstances", "*")),
            ["Audit"] = PermissionSet("EdgeAuditor", null, Allow("ec2:DescribeInstances", "*")),
            ["A"] = Assignment("Ops"),
        };
        foreach (var kind in new[] { "canDo", "cannotDo" })
        {
            var failure = Assert.Single(Failures(resources, kind, body));
            Assert.True(failure.Message.Contains(message, StringComparison.Ordinal), $"{name} ({kind}): {failure.Message}");
            Assert.Equal("assertion:a", failure.ResourceLogicalId);
        }
    }

    [Fact]
    public void CanDo_takes_one_action_not_a_pattern() =>
        Fails(new JsonObject { ["R"] = Role(null, Allow("s3:*", "*")) }, "canDo", Body("R", "s3:Get*", "*"), "canDo decides one request, but 's3:Get*' is a pattern");

    public static TheoryData<string, string, string> HostileMetadata() => new()
    {
        { "role and assumableBy", """{"role": "R", "assumableBy": {"principal": "222222222222"}, "action": "s3:GetObject", "resource": "*"}""", "exactly one of \"role\", \"assumableBy\" and \"permissionSet\"" },
        { "neither", """{"action": "s3:GetObject", "resource": "*"}""", "exactly one of \"role\", \"assumableBy\" and \"permissionSet\"" },
        { "principal and device", """{"assumableBy": {"principal": "222222222222", "device": {"trustAnchor": "x"}}, "action": "s3:GetObject", "resource": "*"}""", "exactly one of \"principal\"" },
        { "a device with an action", """{"assumableBy": {"device": {"trustAnchor": "x"}, "action": "sts:AssumeRole"}, "action": "s3:GetObject", "resource": "*"}""", "a device's request is fixed" },
        { "assumableBy a string", """{"assumableBy": "222222222222", "action": "s3:GetObject", "resource": "*"}""", "must be an object" },
        { "no action", """{"role": "R", "resource": "*"}""", "is missing" },
        { "no resource", """{"role": "R", "action": "s3:GetObject"}""", "is missing" },
        { "a number for a resource", """{"role": "R", "action": "s3:GetObject", "resource": 5}""", "non-empty string" },
        { "an empty session", """{"role": "R", "session": "", "action": "s3:GetObject", "resource": "*"}""", "non-empty string" },
        { "an unknown key", """{"role": "R", "action": "s3:GetObject", "resource": "*", "resources": []}""", "unknown key" },
        { "role and permissionSet", """{"role": "R", "permissionSet": "Ops", "action": "s3:GetObject", "resource": "*"}""", "exactly one of \"role\", \"assumableBy\" and \"permissionSet\"" },
        { "a permission set with a session", """{"permissionSet": "Ops", "session": "profile:p", "action": "s3:GetObject", "resource": "*"}""", "a permission set's session is its own" },
        { "a number for a permission set", """{"permissionSet": 7, "action": "s3:GetObject", "resource": "*"}""", "non-empty string" },
        { "a context value that is not a list", """{"role": "R", "action": "s3:GetObject", "resource": "*", "context": {"k": "v"}}""", "array of strings" },
    };

    [Theory]
    [MemberData(nameof(HostileMetadata))]
    public void Metadata_the_engine_cannot_read_in_full_is_bad_input(string name, string body, string message)
    {
        foreach (var kind in new[] { "canDo", "cannotDo" })
        {
            var entry = new JsonObject { ["id"] = "a", ["source"] = new JsonObject { ["file"] = "f", ["line"] = 1, ["column"] = 1 }, [kind] = JsonNode.Parse(body) };
            var error = Assert.Throws<TemplateException>(() => Read(new JsonObject { ["R"] = Role(null) }, new JsonArray(entry)));
            Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{name} ({kind}): {error.Message}");
            Assert.StartsWith("$.Metadata['edgeiam:assertions'][0]", error.JsonPath, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_skips_actions_no_identity_allow_names_without_changing_a_verdict()
    {
        // check does not evaluate an action that no identity Allow names (and no identity policy is unknown); the
        // full evaluation, as AccessAssert runs it, must fail and pass the same assertions with the same messages.
        var session = Document(Deny(new JsonArray("iam:*"), "*"), Allow("*", "*"));
        var resources = new JsonObject
        {
            ["Narrow"] = Role(null, Allow(new JsonArray("iam:GetRole", "iam:Pass*"), "*"), Deny("iam:PassRole", "*", Cond("StringNotEquals", "aws:SourceVpc", "vpc-1"))),
            ["NotAction"] = Role(null, new JsonObject { ["Effect"] = "Allow", ["NotAction"] = "iam:Get*", ["Resource"] = "*" }),
            ["Conditional"] = Role(null, Allow("iam:*", "*", Cond("Bool", "aws:MultiFactorAuthPresent", "true"))),
            ["Unknown"] = RoleWith(null, null, new JsonArray("arn:aws:iam::111111111111:policy/TeamPolicy")),
            ["Managed"] = RoleWith(null, null, new JsonArray("arn:aws:iam::aws:policy/ReadOnlyAccess")),
            ["P"] = Profile("edge-device", session, "Narrow", "Managed"),
        };
        var bodies = new List<JsonObject>();
        foreach (var role in new[] { "Narrow", "NotAction", "Conditional", "Unknown", "Managed" })
        {
            bodies.Add(Body(role, "iam:*", "*"));
            bodies.Add(Body(role, "iam:*", "arn:aws:iam::111111111111:role/x"));
            bodies.Add(Body(role, "s3:*", "*"));
        }

        bodies.Add(Body("Narrow", "iam:*", "*", session: "profile:edge-device"));
        bodies.Add(Body("Managed", "s3:*", "*", session: "profile:edge-device"));
        var stack = Read(resources, new JsonArray([.. bodies.Select((b, i) => (JsonNode)new JsonObject
        {
            ["id"] = "a" + i,
            ["source"] = new JsonObject { ["file"] = "f", ["line"] = i + 1, ["column"] = 5 },
            ["cannotDo"] = b.DeepClone(),
        })]));

        var failing = 0;
        foreach (var assertion in stack.Assertions.OfType<EdgeIam.Policy.Assertions.PermissionAssertion>())
        {
            var fast = EdgeIam.Policy.Assertions.PermissionAssertionCheck.Evaluate(stack, assertion);
            var full = EdgeIam.Policy.Assertions.PermissionAssertionCheck.Evaluate(stack, assertion, reports: true);
            Assert.Equal(full.Failures.Select(f => f.Message), fast.Failures.Select(f => f.Message));
            Assert.NotEmpty(full.Reports);
            failing += full.Failures.Count > 0 ? 1 : 0;
        }

        // Both outcomes occur: Narrow's profile session denies iam:*, so that one holds; most of the others fail.
        Assert.InRange(failing, 1, bodies.Count - 1);
    }

    [Fact]
    public void A_failure_says_why_the_assertion_exists()
    {
        var assertion = Assertion("cannotDo", Body("R", "iam:PassRole", "*"));
        assertion["why"] = "no privilege escalation";
        var failure = Assert.Single(PolicyCheck.CheckStack(Read(new JsonObject { ["R"] = Role(null, Allow("iam:PassRole", "*")) }, new JsonArray(assertion))), f => f.AssertionId == "a");
        Assert.StartsWith("assertion 'a' (stacks/t.assertions.yaml:3:5) failed: R must not be able to do iam:PassRole on any resource, but iam:PassRole: it is allowed", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("(why it exists: no privilege escalation)", failure.Message, StringComparison.Ordinal);
    }
}
