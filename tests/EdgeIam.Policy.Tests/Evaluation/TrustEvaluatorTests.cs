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
        Assert.Equal("WebIdentityExactSubjects", Assert.Single(decision.Result.Deciding).Statement.Label);
        Assert.False(decision.IdentityPolicyRequired);
    }

    [Fact]
    public void A_release_tag_is_not_the_main_branch()
    {
        var decision = Fixtures.Dev.FindRole("GitHubDeploy")!.EvaluateTrust(
            AccessRequest.AssumeRole(RequestPrincipal.Parse($"oidc:{GitHub}"), context: RequestContext.Of(($"{GitHub}:aud", "sts.amazonaws.com"), ($"{GitHub}:sub", "repo:acme/edge-app:ref:refs/tags/v2.0.0"))));

        Assert.Equal(Decision.ImplicitlyDenied, decision.Decision);
        Assert.Empty(decision.Result.Deciding);
    }

    [Fact]
    public void A_pull_request_of_any_acme_repo_matches_the_plan_roles_pattern_statement_only_from_the_shared_workflow()
    {
        var role = Fixtures.Dev.FindRole("GitHubPlan")!;
        TrustDecision Decide(string workflow) => role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse($"oidc:{GitHub}"), context: RequestContext.Of(
            ($"{GitHub}:aud", "sts.amazonaws.com"), ($"{GitHub}:sub", "repo:acme/other-repo:pull_request"), ($"{GitHub}:job_workflow_ref", workflow))));

        var allowed = Decide("acme/platform-workflows/.github/workflows/plan.yml@refs/tags/v1.4.0");
        Assert.True(allowed.IsAllowed);
        Assert.Equal("WebIdentitySubjectPatterns", Assert.Single(allowed.Result.Deciding).Statement.Label);
        Assert.Equal(Decision.ImplicitlyDenied, Decide("acme/other-repo/.github/workflows/plan.yml@refs/heads/main").Decision);
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
        var role = Fixtures.Prod.FindRole("SecurityAuditProd")!;
        TrustDecision Decide(string caller, string orgId) => role.EvaluateTrust(
            AccessRequest.AssumeRole(RequestPrincipal.Parse(caller), context: RequestContext.Of(("sts:ExternalId", "edge-audit-prod-c81e07"), ("aws:PrincipalOrgID", orgId))),
            Fixtures.Prod.Environment.Account);

        var decision = Decide("arn:aws:iam::222222222222:role/SecurityAuditor", "o-a1b2c3d4e5");
        Assert.True(decision.IsAllowed);
        Assert.True(decision.IdentityPolicyRequired);
        Assert.Equal(PrincipalMatch.Exact, decision.Result.Deciding[0].Principal);
        Assert.Equal(Decision.ImplicitlyDenied, Decide("arn:aws:iam::222222222222:role/SecurityAuditor", "o-someoneelse").Decision);
        Assert.Equal(Decision.ImplicitlyDenied, Decide("arn:aws:iam::222222222222:role/AuditRunner", "o-a1b2c3d4e5").Decision);
    }

    [Fact]
    public void Roles_anywhere_sessions_need_the_anchor_of_this_stack()
    {
        var role = Fixtures.Dev.FindRole("EdgeDeviceRole")!;
        string Anchor(string logicalId) => Fixtures.Dev.TrustAnchors.Single(a => a.LogicalId == logicalId).ArnSymbol;
        AccessRequest Request(string sourceArn) => AccessRequest.AssumeRole(RequestPrincipal.Parse("service:rolesanywhere.amazonaws.com"), "sts:SetSourceIdentity",
            RequestContext.Of(("aws:SourceArn", sourceArn), ("aws:PrincipalTag/x509Subject/CN", "sensor-device-7"), ("aws:PrincipalTag/x509Issuer/CN", "EdgeIam Dev Issuing CA")));

        Assert.True(role.EvaluateTrust(Request(Anchor("RolesAnywhereTrustAnchorEdgeCa43B06583"))).IsAllowed);
        Assert.True(role.EvaluateTrust(Request(Anchor("RolesAnywhereTrustAnchorPartnerCa43ADF333"))).IsAllowed);

        // The factory line's anchor is in the same stack but not in this role's trust.
        Assert.Equal(Decision.ImplicitlyDenied, role.EvaluateTrust(Request(Anchor("RolesAnywhereTrustAnchorFactoryPca72705560"))).Decision);
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
