using System.Text.Json.Nodes;
using CsCheck;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Permissions;
using EdgeIam.Policy.Tests.Properties;
using Xunit.Abstractions;

namespace EdgeIam.Policy.Tests.Permissions;

/// <summary>
/// Properties of the permission side (CsCheck), over a small vocabulary so that statements, layers and requests
/// collide often: the hot path agrees with the explained evaluation; a condition never widens; a limiting layer never
/// widens; an unknown policy never turns an answer into a proved allow; a deploy-time value never decides. Each
/// property counts its outcome classes and requires them all, so it cannot pass on denials alone.
/// </summary>
public sealed class SessionPermissionsPropertyTests(ITestOutputHelper output)
{
    private const long Iterations = 3000;
    private const string Seed = "0N0XIzNsQ0O2";

    private static readonly string[] Actions = ["s3:GetObject", "s3:PutObject", "iam:PassRole"];

    private static readonly string[] Resources = ["arn:aws:s3:::b/a/x", "arn:aws:s3:::b/z/x", "arn:aws:iam::111111111111:role/R"];

    private static readonly Gen<StatementModel> GenStatement = Gen.Select(
            Gen.Bool,
            Gen.OneOf("s3:GetObject", "s3:PutObject", "s3:*", "iam:PassRole", "*").Array[1, 2],
            Gen.OneOf("*", "arn:aws:s3:::b/a/*", "arn:aws:s3:::b/*", "arn:aws:iam::111111111111:role/*").Array[1, 2],
            Gen.OneOf("team-a", "team-b").Array[0, 1])
        .Select((deny, actions, resources, tag) => new StatementModel(deny, actions, resources, tag));

    private static readonly Gen<StatementModel[]> GenPolicy = GenStatement.Array[1, 3];

    private static readonly Gen<AccessRequest> GenRequest = Gen.Select(Gen.OneOf(Actions), Gen.OneOf(Resources), Gen.OneOf("team-a", "team-b", string.Empty))
        .Select((action, resource, tag) => new AccessRequest(
            RequestPrincipal.Parse("arn:aws:iam::111111111111:role/Session"), action, resource,
            tag.Length == 0 ? RequestContext.Empty : RequestContext.Of(("aws:PrincipalTag/team", tag))));

    private static LayerPolicy Layer(PolicyLayer layer, StatementModel[] statements, string name = "p") =>
        LayerPolicy.Known(layer, name, "test", CompiledPolicy.Compile(PolicyParser.Parse(StatementModel.Document(statements)), name));

    [Fact]
    public void The_hot_path_decides_as_the_explained_evaluation()
    {
        var classes = new OutcomeClasses();
        Gen.Select(GenPolicy, GenPolicy.Array[0, 1], GenPolicy.Array[0, 1], GenRequest).Sample((identity, boundary, session, request) =>
        {
            var permissions = new SessionPermissions("R", [Layer(PolicyLayer.Identity, identity)],
                boundary.Length == 0 ? null : [Layer(PolicyLayer.PermissionsBoundary, boundary[0])],
                session.Length == 0 ? null : [Layer(PolicyLayer.SessionPolicy, session[0])]);
            var decided = permissions.Decide(request);
            classes.Add(decided.ToString());
            Assert.Equal(permissions.Evaluate(request).Outcome, decided);
        }, seed: Seed, iter: Iterations, threads: 1);

        classes.Report(output, "Allowed", "ExplicitlyDenied", "ImplicitlyDenied");
    }

    [Fact]
    public void Adding_a_condition_to_an_allow_never_widens_a_decision()
    {
        var classes = new OutcomeClasses();
        Gen.Select(GenPolicy, Gen.Int[0, 2], Gen.OneOf("team-a", "team-b"), GenRequest).Sample((identity, index, tag, request) =>
        {
            // The model holds one condition per statement, so only an unconditioned Allow can gain one.
            var allows = identity.Select((s, i) => (s, i)).Where(p => !p.s.Deny && p.s.Tag.Length == 0).ToList();
            if (allows.Count == 0)
            {
                classes.Add("no allow to tighten");
                return;
            }

            var target = allows[index % allows.Count].i;
            var tightened = identity.Select((s, i) => i == target ? s with { Tag = [tag] } : s).ToArray();
            var before = new SessionPermissions("R", [Layer(PolicyLayer.Identity, identity)], null, null).Decide(request);
            var after = new SessionPermissions("R", [Layer(PolicyLayer.Identity, tightened)], null, null).Decide(request);
            classes.Add($"{before} -> {after}");
            Assert.False(after == PermissionOutcome.Allowed && before != PermissionOutcome.Allowed, $"{before} -> {after}");
        }, seed: Seed, iter: Iterations, threads: 1);

        classes.Report(output, "Allowed -> Allowed", "Allowed -> ImplicitlyDenied", "ImplicitlyDenied -> ImplicitlyDenied");
    }

    [Fact]
    public void A_boundary_or_a_session_policy_never_widens_what_the_identity_policies_allow()
    {
        var classes = new OutcomeClasses();
        Gen.Select(GenPolicy, GenPolicy, Gen.Bool, GenRequest).Sample((identity, limit, asBoundary, request) =>
        {
            var alone = new SessionPermissions("R", [Layer(PolicyLayer.Identity, identity)], null, null).Decide(request);
            var limited = asBoundary
                ? new SessionPermissions("R", [Layer(PolicyLayer.Identity, identity)], [Layer(PolicyLayer.PermissionsBoundary, limit)], null).Decide(request)
                : new SessionPermissions("R", [Layer(PolicyLayer.Identity, identity)], null, [Layer(PolicyLayer.SessionPolicy, limit)]).Decide(request);
            classes.Add($"{alone} -> {limited}");
            Assert.False(limited == PermissionOutcome.Allowed && alone != PermissionOutcome.Allowed, $"{alone} -> {limited}");
            Assert.False(alone == PermissionOutcome.ExplicitlyDenied && limited != PermissionOutcome.ExplicitlyDenied, "an identity Deny must survive any limiting layer");
        }, seed: Seed, iter: Iterations, threads: 1);

        classes.Report(output, "Allowed -> Allowed", "Allowed -> ImplicitlyDenied", "ImplicitlyDenied -> ImplicitlyDenied");
    }

    [Fact]
    public void An_unknown_policy_never_yields_a_proved_allow()
    {
        var classes = new OutcomeClasses();
        Gen.Select(GenPolicy, Gen.Int[0, 2], GenRequest).Sample((identity, where, request) =>
        {
            var unknown = LayerPolicy.Unknowable((PolicyLayer)where, "arn:aws:iam::111111111111:policy/Unknown", "managed", "not in the snapshot");
            var permissions = (PolicyLayer)where switch
            {
                PolicyLayer.Identity => new SessionPermissions("R", [Layer(PolicyLayer.Identity, identity), unknown], null, null),
                PolicyLayer.PermissionsBoundary => new SessionPermissions("R", [Layer(PolicyLayer.Identity, identity)], [unknown], null),
                _ => new SessionPermissions("R", [Layer(PolicyLayer.Identity, identity)], null, [unknown]),
            };
            var outcome = permissions.Decide(request);
            classes.Add($"{(PolicyLayer)where}: {outcome}");
            Assert.NotEqual(PermissionOutcome.Allowed, outcome);
            Assert.Equal(outcome, permissions.Evaluate(request).Outcome);
            if ((PolicyLayer)where == PolicyLayer.Identity)
            {
                // An unknown identity policy may allow anything: "not allowed" is never proved, only a Deny is.
                Assert.NotEqual(PermissionOutcome.ImplicitlyDenied, outcome);
            }
        }, seed: Seed, iter: Iterations, threads: 1);

        classes.Report(output, "Identity: CannotProve", "Identity: ExplicitlyDenied", "PermissionsBoundary: CannotProve", "PermissionsBoundary: ImplicitlyDenied", "SessionPolicy: CannotProve", "SessionPolicy: ImplicitlyDenied");
    }

    [Fact]
    public void A_deploy_time_resource_never_decides_either_way()
    {
        var permissions = new SessionPermissions("R",
            [LayerPolicy.Known(PolicyLayer.Identity, "p", "test", CompiledPolicy.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"${Bucket.Arn}/*"}]}"""))],
            null, null);
        var denyish = new SessionPermissions("R",
            [Layer(PolicyLayer.Identity, [new StatementModel(false, ["s3:*"], ["*"], [])]),
             LayerPolicy.Known(PolicyLayer.Identity, "d", "test", CompiledPolicy.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"${Bucket.Arn}/*"}]}"""))],
            null, null);
        var request = new AccessRequest(RequestPrincipal.Parse("arn:aws:iam::111111111111:role/Session"), "s3:GetObject", "arn:aws:s3:::b/x");

        Assert.Equal(PermissionOutcome.CannotProve, permissions.Decide(request));
        Assert.Equal(PermissionOutcome.CannotProve, denyish.Decide(request));
        Assert.Single(denyish.Evaluate(request).Layers[0].Perhaps);
        // An action no statement names is still a proved implicit deny.
        Assert.Equal(PermissionOutcome.ImplicitlyDenied, permissions.Decide(new AccessRequest(request.Principal, "s3:PutObject", "arn:aws:s3:::b/x")));
    }

    /// <summary>A permission statement: Allow/Deny, actions, resources, and an optional StringEquals aws:PrincipalTag/team condition.</summary>
    private sealed record StatementModel(bool Deny, string[] Actions, string[] Resources, string[] Tag)
    {
        public static string Document(IEnumerable<StatementModel> statements) => new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray([.. statements.Select(s =>
            {
                var node = new JsonObject
                {
                    ["Effect"] = s.Deny ? "Deny" : "Allow",
                    ["Action"] = new JsonArray([.. s.Actions.Select(a => (JsonNode)a)]),
                    ["Resource"] = new JsonArray([.. s.Resources.Select(r => (JsonNode)r)]),
                };
                if (s.Tag.Length > 0)
                {
                    node["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["aws:PrincipalTag/team"] = s.Tag[0] } };
                }

                return (JsonNode)node;
            })]),
        }.ToJsonString();
    }
}
