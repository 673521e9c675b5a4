using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Evaluation;

/// <summary>Trust decisions on the fixture dev stack through the API the infra tests use.</summary>
public sealed class TrustEvaluatorTests
{
    private const string GitHub = "token.actions.githubusercontent.com";

    [Fact]
    public void GitHub_main_branch_may_assume_the_deploy_role_without_an_identity_policy()
    {
        var decision = Fixtures.Dev.FindRole("GitHubDeploy")!.EvaluateTrust(
            AccessRequest.AssumeRole(RequestPrincipal.Parse($"oidc:{GitHub}"), context: RequestContext.Of(($"{GitHub}:aud", "sts.amazonaws.com"), ($"{GitHub}:sub", "repo:acme/edge-app:ref:refs/heads/main"))),
            Fixtures.Dev.Environment.Account);

        Assert.Equal(Decision.Allowed, decision.Decision);
        Assert.Equal("Statement[0]", Assert.Single(decision.Result.Deciding).Statement.Label);
        Assert.False(decision.IdentityPolicyRequired);
    }

    [Fact]
    public void A_release_tag_matches_the_wildcard_statement()
    {
        var decision = Fixtures.Dev.FindRole("GitHubDeploy")!.EvaluateTrust(
            AccessRequest.AssumeRole(RequestPrincipal.Parse($"oidc:{GitHub}"), context: RequestContext.Of(($"{GitHub}:aud", "sts.amazonaws.com"), ($"{GitHub}:sub", "repo:acme/edge-app:ref:refs/tags/v2.0.0"))));

        Assert.Equal("Statement[1]", Assert.Single(decision.Result.Deciding).Statement.Label);
    }

    [Fact]
    public void An_account_trust_requires_the_callers_identity_policy()
    {
        var decision = Fixtures.Dev.FindRole("SecurityAudit")!.EvaluateTrust(
            AccessRequest.AssumeRole(RequestPrincipal.Parse("arn:aws:sts::222222222222:assumed-role/Auditor/session"), context: RequestContext.Of(("sts:ExternalId", "edge-audit-7f3c2a"))),
            Fixtures.Dev.Environment.Account);

        Assert.True(decision.IsAllowed);
        Assert.True(decision.IdentityPolicyRequired);
        Assert.Contains("identity policy must also allow", Assert.Single(decision.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cross_account_role_arn_trust_also_requires_the_identity_policy()
    {
        var decision = Fixtures.Prod.FindRole("SecurityAudit")!.EvaluateTrust(
            AccessRequest.AssumeRole(RequestPrincipal.Parse("arn:aws:iam::222222222222:role/AuditRunner"), context: RequestContext.Of(("sts:ExternalId", "prod-audit-91b2c4d7"))),
            Fixtures.Prod.Environment.Account);

        Assert.True(decision.IsAllowed);
        Assert.True(decision.IdentityPolicyRequired);
        Assert.Equal(PrincipalMatch.Exact, decision.Result.Deciding[0].Principal);
    }

    [Fact]
    public void Roles_anywhere_sessions_need_the_anchor_of_this_stack()
    {
        var role = Fixtures.Dev.FindRole("EdgeDeviceRole")!;
        var anchor = Fixtures.Dev.TrustAnchors[0].ArnSymbol;
        AccessRequest Request(string sourceArn) => AccessRequest.AssumeRole(RequestPrincipal.Parse("service:rolesanywhere.amazonaws.com"), "sts:SetSourceIdentity",
            RequestContext.Of(("aws:SourceArn", sourceArn), ("aws:PrincipalTag/x509Subject/CN", "sensor-device-7")));

        Assert.True(role.EvaluateTrust(Request(anchor)).IsAllowed);
        Assert.Equal(Decision.ImplicitlyDenied, role.EvaluateTrust(Request("arn:aws:rolesanywhere:us-east-1:111111111111:trust-anchor/other")).Decision);
    }

    [Fact]
    public void Only_ec2_may_assume_the_fleet_role()
    {
        var role = Fixtures.Dev.FindRole("video-analytics")!;

        Assert.True(role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("service:ec2.amazonaws.com"))).IsAllowed);
        var denied = role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("service:lambda.amazonaws.com")));
        Assert.Equal(Decision.ImplicitlyDenied, denied.Decision);
        Assert.Equal("No statement names service:lambda.amazonaws.com.", Assert.Single(denied.Notes));
    }
}
