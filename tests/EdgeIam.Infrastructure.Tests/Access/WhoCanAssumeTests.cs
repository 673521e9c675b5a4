using EdgeIam.Infrastructure.Tests.Support;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Infrastructure.Tests.Access;

/// <summary>
/// Decisions on the real synthesized stacks, made by the offline policy engine: who can assume which role, and who
/// cannot. These are the assertions a PR reviewer cares about, not the shape of a Condition block.
/// </summary>
[Collection(SynthesizedStacksCollection.Name)]
public sealed class WhoCanAssumeTests(SynthesizedStacks stacks)
{
    private const string GitHub = "token.actions.githubusercontent.com";

    private Decision Decide(string stack, string role, string principal, params (string Key, string Value)[] context)
    {
        var template = stacks.Assembly.FindStack(stack) ?? throw new InvalidOperationException($"no stack {stack}");
        var resource = template.FindRole(role) ?? throw new InvalidOperationException($"no role {role} in {stack}");
        var request = AccessRequest.AssumeRole(RequestPrincipal.Parse(principal), context: RequestContext.Of(context));
        return resource.EvaluateTrust(request, template.Environment.Account).Decision;
    }

    [Fact]
    public void ProdGitHubDeployDeniesAPullRequestToken() =>
        Assert.Equal(Decision.ImplicitlyDenied, Decide("prod", "GitHubDeployProd", "oidc:" + GitHub,
            (GitHub + ":aud", "sts.amazonaws.com"),
            (GitHub + ":sub", "repo:acme/edge-app:pull_request"),
            (GitHub + ":job_workflow_ref", "acme/edge-app/.github/workflows/deploy.yml@refs/heads/main")));

    [Fact]
    public void ProdGitHubDeployAllowsOnlyTheProductionEnvironmentThroughTheDeployWorkflow()
    {
        (string, string)[] production = [(GitHub + ":aud", "sts.amazonaws.com"), (GitHub + ":sub", "repo:acme/edge-app:environment:production")];
        Assert.Equal(Decision.Allowed, Decide("prod", "GitHubDeployProd", "oidc:" + GitHub,
            [.. production, (GitHub + ":job_workflow_ref", "acme/edge-app/.github/workflows/deploy.yml@refs/heads/main")]));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("prod", "GitHubDeployProd", "oidc:" + GitHub,
            [.. production, (GitHub + ":job_workflow_ref", "acme/edge-app/.github/workflows/other.yml@refs/heads/main")]));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("prod", "GitHubDeployProd", "oidc:" + GitHub, production));
    }

    [Fact]
    public void DevGitHubDeployDeniesAnotherRepositoryAndAnotherAudience()
    {
        Assert.Equal(Decision.Allowed, Decide("dev", "GitHubDeploy", "oidc:" + GitHub,
            (GitHub + ":aud", "sts.amazonaws.com"), (GitHub + ":sub", "repo:acme/edge-app:ref:refs/heads/main")));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("dev", "GitHubDeploy", "oidc:" + GitHub,
            (GitHub + ":aud", "sts.amazonaws.com"), (GitHub + ":sub", "repo:attacker/edge-app:ref:refs/heads/main")));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("dev", "GitHubDeploy", "oidc:" + GitHub,
            (GitHub + ":aud", "someone-else"), (GitHub + ":sub", "repo:acme/edge-app:ref:refs/heads/main")));
    }

    [Fact]
    public void DevGitHubPlanLetsOrgPullRequestsInOnlyThroughThePlatformWorkflow()
    {
        (string, string)[] pullRequest = [(GitHub + ":aud", "sts.amazonaws.com"), (GitHub + ":sub", "repo:acme/any-repo:pull_request")];
        Assert.Equal(Decision.Allowed, Decide("dev", "GitHubPlan", "oidc:" + GitHub,
            [.. pullRequest, (GitHub + ":job_workflow_ref", "acme/platform-workflows/.github/workflows/plan.yml@refs/tags/v1.4.0")]));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("dev", "GitHubPlan", "oidc:" + GitHub,
            [.. pullRequest, (GitHub + ":job_workflow_ref", "acme/any-repo/.github/workflows/plan.yml@refs/heads/main")]));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("dev", "GitHubPlan", "oidc:" + GitHub,
            (GitHub + ":aud", "sts.amazonaws.com"), (GitHub + ":sub", "repo:evil/any-repo:pull_request"),
            (GitHub + ":job_workflow_ref", "acme/platform-workflows/.github/workflows/plan.yml@refs/tags/v1.4.0")));
    }

    [Fact]
    public void CrossAccountAuditNeedsTheExternalIdFromTheTrustedAccount()
    {
        Assert.Equal(Decision.Allowed, Decide("dev", "SecurityAudit", "arn:aws:iam::222222222222:role/Auditor", ("sts:ExternalId", "edge-audit-7f3c2a")));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("dev", "SecurityAudit", "arn:aws:iam::222222222222:role/Auditor"));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("dev", "SecurityAudit", "arn:aws:iam::222222222222:role/Auditor", ("sts:ExternalId", "guessed")));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("dev", "SecurityAudit", "arn:aws:iam::999999999999:role/Auditor", ("sts:ExternalId", "edge-audit-7f3c2a")));
    }

    [Fact]
    public void BreakGlassNeedsMfaTheOrganisationAndTheNamedRole()
    {
        (string, string)[] good = [("sts:ExternalId", "ops-breakglass-dev-41d9"), ("aws:MultiFactorAuthPresent", "true"), ("aws:PrincipalOrgID", "o-a1b2c3d4e5")];
        Assert.Equal(Decision.Allowed, Decide("dev", "OpsBreakGlassDev", "arn:aws:iam::333333333333:role/OpsOnCall", good));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("dev", "OpsBreakGlassDev", "arn:aws:iam::333333333333:role/OpsOnCall", good[0], good[2]));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("dev", "OpsBreakGlassDev", "arn:aws:iam::333333333333:role/OpsOnCall", good[0], good[1], ("aws:PrincipalOrgID", "o-other")));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("dev", "OpsBreakGlassDev", "arn:aws:iam::333333333333:role/Intern", good));
    }

    [Fact]
    public void FleetRolesAreAssumableByEc2AndNothingElse()
    {
        Assert.Equal(Decision.Allowed, Decide("dev", "video-analytics", "service:ec2.amazonaws.com"));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("dev", "video-analytics", "service:lambda.amazonaws.com"));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("dev", "video-analytics", "arn:aws:iam::111111111111:role/Anyone"));
    }

    [Fact]
    public void RolesAnywhereRoleTrustsOnlyItsAnchorAndMatchingCertificates()
    {
        var dev = stacks.Assembly.FindStack("dev")!;
        var role = dev.FindRole("EdgeDeviceRole")!;
        var anchors = dev.TrustAnchors.Select(a => a.ArnSymbol).ToList();
        var trusted = anchors.Where(a => role.TrustPolicy.Statements.Any(s => s.Conditions.Any(c => c.Values.Contains(a)))).ToList();
        var untrusted = anchors.Except(trusted).ToList();
        Assert.NotEmpty(trusted);
        Assert.NotEmpty(untrusted);
        const string ra = "service:rolesanywhere.amazonaws.com";
        (string, string) issuer = ("aws:PrincipalTag/x509Issuer/CN", "EdgeIam Dev Issuing CA");

        Assert.Equal(Decision.Allowed, Decide("dev", "EdgeDeviceRole", ra, ("aws:SourceArn", trusted[0]), ("aws:PrincipalTag/x509Subject/CN", "sensor-0042"), issuer));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("dev", "EdgeDeviceRole", ra, ("aws:SourceArn", untrusted[0]), ("aws:PrincipalTag/x509Subject/CN", "sensor-0042"), issuer));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("dev", "EdgeDeviceRole", ra, ("aws:SourceArn", trusted[0]), ("aws:PrincipalTag/x509Subject/CN", "laptop-of-bob"), issuer));
        Assert.Equal(Decision.ImplicitlyDenied, Decide("dev", "EdgeDeviceRole", ra, ("aws:SourceArn", trusted[0]), ("aws:PrincipalTag/x509Subject/CN", "sensor-0042"), ("aws:PrincipalTag/x509Issuer/CN", "Some Other CA")));
    }
}
