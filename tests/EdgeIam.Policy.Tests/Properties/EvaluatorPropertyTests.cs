using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;
using Xunit.Abstractions;

namespace EdgeIam.Policy.Tests.Properties;

/// <summary>
/// Property tests of the trust evaluator (CsCheck): generated trust policies and requests over a small vocabulary
/// that makes statements, conditions and callers collide often. Each property also counts the outcome classes it saw
/// and requires every class to occur, so a generator that only produces denials cannot pass vacuously.
/// </summary>
public sealed class EvaluatorPropertyTests(ITestOutputHelper output)
{
    private const long Iterations = 4000;
    private const string Seed = "0N0XIzNsQ0O2";

    private static readonly string[] Services = ["ec2.amazonaws.com", "lambda.amazonaws.com", "rolesanywhere.amazonaws.com"];
    private static readonly string[] Accounts = ["111111111111", "222222222222"];
    private static readonly string[] ExternalIds = ["ext-1", "ext-2"];

    private static readonly Gen<JsonNode?> GenPrincipal = Gen.OneOf<JsonNode?>(
        Gen.Bool.Select(_ => (JsonNode?)null),
        Gen.Bool.Select(_ => (JsonNode?)JsonValue.Create("*")),
        Gen.OneOf(Services).Select(s => (JsonNode?)new JsonObject { ["Service"] = s }),
        Gen.OneOf(Accounts).Select(a => (JsonNode?)new JsonObject { ["AWS"] = $"arn:aws:iam::{a}:root" }),
        Gen.OneOf(Accounts).Select(a => (JsonNode?)new JsonObject { ["AWS"] = $"arn:aws:iam::{a}:role/Caller" }),
        Gen.Bool.Select(_ => (JsonNode?)new JsonObject { ["Federated"] = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com" }));

    private static readonly Gen<string[]> GenActions =
        Gen.OneOf("sts:AssumeRole", "sts:*", "sts:AssumeRoleWithWebIdentity", "*", "sts:TagSession").Array[1, 2];

    private static readonly Gen<(string, string, string[])> GenCondition =
        Gen.Select(
            Gen.OneOf("StringEquals", "StringLike", "StringNotEquals", "ForAnyValue:StringEquals"),
            Gen.OneOf("sts:ExternalId", "aws:PrincipalAccount", "token.actions.githubusercontent.com:sub"),
            Gen.OneOf("ext-1", "ext-2", "ext-*", "111111111111", "222222222222", "repo:acme/app:*").Array[1, 2]);

    private static readonly Gen<TrustStatementModel> GenStatement =
        Gen.Select(Gen.Bool, GenPrincipal, GenActions, GenCondition.Array[0, 2])
            .Select((deny, principal, actions, conditions) => new TrustStatementModel(deny, principal, actions, conditions));

    private static readonly Gen<TrustStatementModel[]> GenPolicy = GenStatement.Array[1, 4];

    private static readonly Gen<AccessRequest> GenRequest =
        Gen.Select(
            Gen.OneOf(
                Gen.OneOf(Services).Select(s => "service:" + s),
                Gen.OneOf(Accounts).Select(a => $"arn:aws:iam::{a}:role/Caller"),
                Gen.OneOf(Accounts).Select(a => $"arn:aws:iam::{a}:user/ops"),
                Gen.Bool.Select(_ => "oidc:token.actions.githubusercontent.com")),
            Gen.OneOf("sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:TagSession"),
            Gen.OneOf(ExternalIds).Array[0, 1],
            Gen.OneOf("repo:acme/app:ref:refs/heads/main", "repo:evil/app:ref:refs/heads/main").Array[0, 1])
        .Select((caller, action, externalId, sub) =>
        {
            var pairs = externalId.Select(e => ("sts:ExternalId", e)).Concat(sub.Select(s => ("token.actions.githubusercontent.com:sub", s))).ToArray();
            return AccessRequest.AssumeRole(RequestPrincipal.Parse(caller), action, RequestContext.Of(pairs));
        });

    [Fact]
    public void Adding_a_condition_to_an_allow_never_widens_a_decision()
    {
        var classes = new OutcomeClasses();
        Gen.Select(GenPolicy, GenCondition, Gen.Int[0, 3], GenRequest).Sample((policy, condition, index, request) =>
        {
            var allows = policy.Select((s, i) => (s, i)).Where(p => !p.s.Deny).ToList();
            if (allows.Count == 0)
            {
                classes.Add("no allow to tighten");
                return;
            }

            var target = allows[index % allows.Count].i;
            var tightened = policy.Select((s, i) => i == target ? s with { Conditions = [.. s.Conditions, condition] } : s);
            var before = Decide(policy, request);
            var after = Decide(tightened, request);
            classes.Add($"{before} -> {after}");
            Assert.False(after == Decision.Allowed && before != Decision.Allowed, $"a condition widened {before} to {after}");
        }, seed: Seed, iter: Iterations, threads: 1);

        classes.Report(output, "Allowed -> Allowed", "Allowed -> ImplicitlyDenied", "ImplicitlyDenied -> ImplicitlyDenied");
    }

    [Fact]
    public void Adding_a_deny_never_widens_a_decision()
    {
        var classes = new OutcomeClasses();
        Gen.Select(GenPolicy, GenStatement, GenRequest).Sample((policy, extra, request) =>
        {
            var deny = extra with { Deny = true };
            var before = Decide(policy, request);
            var after = Decide([.. policy, deny], request);
            classes.Add($"{before} -> {after}");
            Assert.False(after == Decision.Allowed && before != Decision.Allowed, $"a deny widened {before} to {after}");
            Assert.False(before == Decision.ExplicitlyDenied && after != Decision.ExplicitlyDenied, "a deny lifted an explicit deny");
        }, seed: Seed, iter: Iterations, threads: 1);

        classes.Report(output, "Allowed -> Allowed", "Allowed -> ExplicitlyDenied", "ExplicitlyDenied -> ExplicitlyDenied");
    }

    [Fact]
    public void A_statement_without_principal_matches_nobody()
    {
        var classes = new OutcomeClasses();
        Gen.Select(GenStatement, GenRequest).Sample((statement, request) =>
        {
            var bare = statement with { Principal = null };
            var trust = CompiledPolicy.CompileTrust(PolicyParser.Parse(TrustStatementModel.Document([bare])));
            var decision = TrustEvaluator.Evaluate(trust, request);
            classes.Add($"{(bare.Deny ? "Deny" : "Allow")}: {decision.Decision}");
            Assert.Equal(PrincipalMatch.None, Assert.Single(decision.Result.Statements).Principal);
            Assert.Equal(Decision.ImplicitlyDenied, decision.Decision);
        }, seed: Seed, iter: Iterations, threads: 1);

        classes.Report(output, "Allow: ImplicitlyDenied", "Deny: ImplicitlyDenied");
    }

    [Fact]
    public void A_case_changed_service_principal_never_matches()
    {
        var classes = new OutcomeClasses();
        var genCase = Gen.Select(Gen.OneOf(Services), Gen.Bool.Array[10, 40], Gen.Bool).Where((service, flips, _) =>
            flips.Take(service.Length).Any(f => f) && service.Take(flips.Length).Any(char.IsLetter));
        genCase.Sample((service, flips, changeTrust) =>
        {
            var changed = new string([.. service.Select((c, i) => i < flips.Length && flips[i] ? char.ToUpperInvariant(c) : c)]);
            if (changed == service)
            {
                classes.Add("unchanged (skipped)");
                return;
            }

            var trusted = changeTrust ? changed : service;
            var caller = changeTrust ? service : changed;
            var trust = CompiledPolicy.CompileTrust(PolicyParser.Parse(TrustStatementModel.Document(
                [new TrustStatementModel(false, new JsonObject { ["Service"] = trusted }, ["sts:AssumeRole"], [])])));
            var decision = TrustEvaluator.Evaluate(trust, AccessRequest.AssumeRole(RequestPrincipal.Service(caller)));
            classes.Add($"{(changeTrust ? "trust" : "caller")} changed: {decision.Decision}");
            Assert.Equal(Decision.ImplicitlyDenied, decision.Decision);
        }, seed: Seed, iter: Iterations, threads: 1);

        classes.Report(output, "trust changed: ImplicitlyDenied", "caller changed: ImplicitlyDenied");
    }

    [Fact]
    public void The_root_user_is_never_allowed_to_assume_a_role()
    {
        var classes = new OutcomeClasses();
        Gen.Select(GenPolicy, Gen.OneOf(Accounts), GenRequest).Sample((policy, account, template) =>
        {
            var root = AccessRequest.AssumeRole(RequestPrincipal.Parse($"arn:aws:iam::{account}:root"), "sts:AssumeRole", template.Context);
            var user = AccessRequest.AssumeRole(RequestPrincipal.Parse($"arn:aws:iam::{account}:user/ops"), "sts:AssumeRole", template.Context);
            var trust = CompiledPolicy.CompileTrust(PolicyParser.Parse(TrustStatementModel.Document(policy)));
            var asRoot = TrustEvaluator.Evaluate(trust, root);
            classes.Add($"a user of the account: {TrustEvaluator.Evaluate(trust, user).Decision}; root: {(asRoot.IsAllowed ? "allowed" : asRoot.RefusedBySts ? "refused" : "denied")}");
            Assert.False(asRoot.IsAllowed);
            Assert.True(asRoot.RefusedBySts);
        }, seed: Seed, iter: Iterations, threads: 1);

        classes.Report(output, "a user of the account: Allowed; root: refused");
    }

    [Fact]
    public void An_unresolved_principal_is_proved_only_when_no_value_of_it_could_change_the_answer()
    {
        var classes = new OutcomeClasses();
        Gen.Select(GenPolicy, GenRequest, Gen.OneOf("{\"Fn::Foo\": \"x\"}", "{\"Ref\": \"Nothing\"}", "{\"Fn::ImportValue\": \"caller\"}"), Gen.Bool)
            .Sample((policy, request, intrinsic, deny) =>
        {
            var unknown = "{\"Effect\": \"" + (deny ? "Deny" : "Allow") + "\", \"Action\": \"sts:AssumeRole\", \"Principal\": {\"AWS\": ";
            var decision = Role(policy, unknown + intrinsic + "}}").EvaluateTrust(request, "111111111111");

            // The two extremes of the unknown value: it names every caller, or it names none.
            var everyone = Role(policy, unknown + "\"*\"}}").EvaluateTrust(request, "111111111111");
            var nobody = Role(policy, null).EvaluateTrust(request, "111111111111");
            var extremesAgree = everyone.IsAllowed == nobody.IsAllowed;
            classes.Add($"{(extremesAgree ? "extremes agree" : "extremes differ")}: {decision.Outcome}");
            if (!extremesAgree)
            {
                Assert.False(decision.IsProved, $"proved {decision.Decision} although the unresolved principal decides it");
            }

            if (decision.IsProved)
            {
                Assert.Equal(nobody.IsAllowed, decision.IsAllowed);
            }

            Assert.False(decision.IsAllowed && !everyone.IsAllowed);
        }, seed: Seed, iter: Iterations, threads: 1);

        classes.Report(output, "extremes differ: Undetermined", "extremes agree: ImplicitlyDenied", "extremes agree: Allowed");
    }

    [Fact]
    public void Fn_if_is_proved_exactly_when_both_branches_agree()
    {
        var classes = new OutcomeClasses();
        Gen.Select(GenStatement, GenStatement, GenRequest).Sample((yes, no, request) =>
        {
            var template = "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": "
                + "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Fn::If\": [\"C\", " + yes.ToJson().ToJsonString() + ", " + no.ToJson().ToJsonString() + "]}]}}}}}";
            var role = Read(template);
            var both = role.EvaluateTrust(request);
            var yesOnly = Read(Single(yes)).EvaluateTrust(request);
            var noOnly = Read(Single(no)).EvaluateTrust(request);
            var agree = yesOnly.IsAllowed == noOnly.IsAllowed;
            classes.Add(agree ? $"agree: {both.Outcome}" : $"disagree: {both.Outcome}");
            Assert.Equal(agree, both.IsProved);
            if (agree)
            {
                Assert.Equal(yesOnly.IsAllowed, both.IsAllowed);
            }
        }, seed: Seed, iter: Iterations, threads: 1);

        classes.Report(output, "agree: ImplicitlyDenied", "agree: Allowed", "disagree: Undetermined");
    }

    private static string Single(TrustStatementModel statement) =>
        "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": "
        + TrustStatementModel.Document([statement]) + "}}}}";

    private static RoleResource Role(TrustStatementModel[] policy, string? extraStatement)
    {
        var document = JsonNode.Parse(TrustStatementModel.Document(policy))!;
        if (extraStatement is not null)
        {
            document["Statement"]!.AsArray().Add(JsonNode.Parse(extraStatement));
        }

        return Read("{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": " + document.ToJsonString() + "}}}}");
    }

    private static RoleResource Read(string template) =>
        TemplateReader.Read(Encoding.UTF8.GetBytes(template), "p.json", "p", "EdgeIam-p", StackEnvironment.Parse("aws://111111111111/us-east-1")).Roles[0];

    private static Decision Decide(IEnumerable<TrustStatementModel> policy, AccessRequest request) =>
        PolicyEvaluator.Decide(CompiledPolicy.CompileTrust(PolicyParser.Parse(TrustStatementModel.Document(policy))), request);
}
