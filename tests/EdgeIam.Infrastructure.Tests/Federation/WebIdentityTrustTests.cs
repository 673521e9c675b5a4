using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using EdgeIam.Infrastructure.Tests.Support;

namespace EdgeIam.Infrastructure.Tests.Federation;

[Collection(SynthesizedStacksCollection.Name)]
public sealed class WebIdentityTrustTests(SynthesizedStacks stacks)
{
    private const string GitHub = "token.actions.githubusercontent.com";

    public static TheoryData<string> Stacks => ["dev", "prod"];

    [Theory]
    [MemberData(nameof(Stacks))]
    public void WebIdentityTrustPinsAudience(string stack)
    {
        var statements = WebIdentityStatements(stack);

        Assert.NotEmpty(statements);
        Assert.All(statements, s =>
        {
            var aud = Assert.Single(s["Condition"]!["StringEquals"]!.AsObject(), c => c.Key.EndsWith(":aud", StringComparison.Ordinal));
            Assert.Single(TrustStatements.Strings(aud.Value));
        });
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void WebIdentityTrustPinsSubjectsNeverToABareWildcard(string stack)
    {
        Assert.All(WebIdentityStatements(stack), s =>
        {
            var subjects = s["Condition"]!.AsObject()
                .SelectMany(op => op.Value!.AsObject().Where(k => k.Key.EndsWith(":sub", StringComparison.Ordinal)).SelectMany(k => TrustStatements.Strings(k.Value)))
                .ToList();
            Assert.NotEmpty(subjects);
            Assert.DoesNotContain("*", subjects);
        });
    }

    [Fact]
    public void WildcardSubjectsAreNotAndedWithExactOnes()
    {
        var plan = TrustStatements.Of(TrustStatements.Roles(stacks.DevJson)["GitHubPlan"]);

        Assert.Equal(2, plan.Count);
        var exact = Assert.Single(plan, s => (string?)s["Sid"] == "WebIdentityExactSubjects");
        var patterns = Assert.Single(plan, s => (string?)s["Sid"] == "WebIdentitySubjectPatterns");
        Assert.Equal(
            ["repo:acme/edge-app:environment:dev", "repo:acme@1234567/edge-config@89012345:ref:refs/heads/main"],
            TrustStatements.Condition(exact, "StringEquals", GitHub + ":sub"));
        Assert.Equal(["repo:acme/*:pull_request"], TrustStatements.Condition(patterns, "StringLike", GitHub + ":sub"));
        Assert.All(WebIdentityStatements("dev").Concat(WebIdentityStatements("prod")), s =>
            Assert.False(
                TrustStatements.Condition(s, "StringEquals", HostOf(s) + ":sub").Count > 0 && TrustStatements.Condition(s, "StringLike", HostOf(s) + ":sub").Count > 0,
                "a statement with both StringEquals and StringLike on sub ANDs them"));
    }

    [Fact]
    public void ClaimConditionsApplyToEveryStatementOfTheRole()
    {
        var plan = TrustStatements.Of(TrustStatements.Roles(stacks.DevJson)["GitHubPlan"]);

        Assert.All(plan, s => Assert.Equal(
            ["acme/platform-workflows/.github/workflows/plan.yml@refs/tags/v*"],
            TrustStatements.Condition(s, "StringLike", GitHub + ":job_workflow_ref")));
        var prod = Assert.Single(TrustStatements.Of(TrustStatements.Roles(stacks.ProdJson)["GitHubDeployProd"]));
        Assert.Equal(["acme/edge-app/.github/workflows/deploy.yml@refs/heads/main"], TrustStatements.Condition(prod, "StringEquals", GitHub + ":job_workflow_ref"));
    }

    [Fact]
    public void WebIdentityTrustsTheStacksOwnProviderOrItsArn()
    {
        var roles = TrustStatements.Roles(stacks.DevJson);
        var gitLab = Assert.Single(TrustStatements.Of(roles["GitLabDeploy"]));
        var providerId = (string)gitLab["Principal"]!["Federated"]!["Ref"]!;
        Assert.Equal("AWS::IAM::OIDCProvider", (string?)stacks.DevJson["Resources"]![providerId]!["Type"]);
        Assert.Equal(["https://gitlab.acme.example"], TrustStatements.Condition(gitLab, "StringEquals", "gitlab.acme.example:aud"));

        var gitHub = Assert.Single(TrustStatements.Of(roles["GitHubDeploy"]));
        Assert.Equal($"arn:aws:iam::111111111111:oidc-provider/{GitHub}", (string?)gitHub["Principal"]!["Federated"]);
        Assert.Equal(["sts:AssumeRoleWithWebIdentity"], TrustStatements.Actions(gitHub));
        Assert.Equal(["repo:acme/edge-app:ref:refs/heads/main"], TrustStatements.Condition(gitHub, "StringEquals", GitHub + ":sub"));
    }

    [Fact]
    public void OidcProviderIsNativeWithoutCustomResource()
    {
        foreach (var template in new[] { stacks.Dev, stacks.Prod })
        {
            template.ResourceCountIs("AWS::Lambda::Function", 0);
            Assert.Empty(template.FindResources("Custom::AWSCDKOpenIdConnectProvider"));
        }

        stacks.Dev.HasResourceProperties("AWS::IAM::OIDCProvider", new Dictionary<string, object>
        {
            ["Url"] = "https://gitlab.acme.example",
            ["ClientIdList"] = new[] { "https://gitlab.acme.example", "sts.amazonaws.com" },
            ["ThumbprintList"] = new[] { "9e99a48a9960b14926bb7f3b02e22da2b0ab7280" },
        });
        stacks.Prod.HasResourceProperties("AWS::IAM::OIDCProvider", new Dictionary<string, object>
        {
            ["Url"] = "https://" + GitHub,
            ["ClientIdList"] = new[] { "sts.amazonaws.com" },
            ["ThumbprintList"] = Match.Absent(),
        });
    }

    [Fact]
    public void OneStackOfTheAccountCreatesTheGitHubProvider()
    {
        static int GitHubProviders(JsonObject template) =>
            SynthesizedStacks.ResourcesOf(template, "AWS::IAM::OIDCProvider").Count(p => (string?)p.Value["Properties"]!["Url"] == "https://" + GitHub);

        Assert.Equal(stacks.DevConfig.Account, stacks.ProdConfig.Account);
        Assert.Equal(0, GitHubProviders(stacks.DevJson));
        Assert.Equal(1, GitHubProviders(stacks.ProdJson));
    }

    [Fact]
    public void ProtectedStackRetainsItsProvider()
    {
        Assert.All(SynthesizedStacks.ResourcesOf(stacks.ProdJson, "AWS::IAM::OIDCProvider"), p =>
        {
            Assert.Equal("Retain", (string?)p.Value["DeletionPolicy"]);
            Assert.Equal("Retain", (string?)p.Value["UpdateReplacePolicy"]);
        });
    }

    private static string HostOf(JsonObject statement) =>
        statement["Condition"]!["StringEquals"]!.AsObject().Single(c => c.Key.EndsWith(":aud", StringComparison.Ordinal)).Key[..^":aud".Length];

    private IReadOnlyList<JsonObject> WebIdentityStatements(string stack) =>
        [.. TrustStatements.All(stack == "dev" ? stacks.DevJson : stacks.ProdJson).Where(TrustStatements.IsWebIdentity)];
}
