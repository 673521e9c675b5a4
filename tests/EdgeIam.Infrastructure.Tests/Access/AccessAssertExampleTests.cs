using EdgeIam.Infrastructure.Tests.Support;
using EdgeIam.Policy.Assertions;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Infrastructure.Tests.Access;

/// <summary>
/// The C# form of the access assertions (README, "Access assertions"): <see cref="AccessAssert"/> over the real
/// synthesized stacks. A failed expectation throws with the deciding statement and conditions in its message.
/// </summary>
[Collection(SynthesizedStacksCollection.Name)]
public sealed class AccessAssertExampleTests(SynthesizedStacks stacks)
{
    private const string GitHub = "token.actions.githubusercontent.com";

    private StackTemplate Prod => stacks.Assembly.FindStack("prod")!;

    private static AccessRequest Token(string sub, string workflow) => AccessRequest.AssumeRole(
        RequestPrincipal.Oidc(GitHub),
        context: RequestContext.Of((GitHub + ":aud", "sts.amazonaws.com"), (GitHub + ":sub", sub), (GitHub + ":job_workflow_ref", workflow)));

    [Fact]
    public void A_pull_request_token_of_edge_app_cannot_assume_GitHubDeployProd()
    {
        var report = AccessAssert.CannotAssume(Prod, "GitHubDeployProd",
            Token("repo:acme/edge-app:pull_request", "acme/edge-app/.github/workflows/deploy.yml@refs/pull/7/merge"));

        Assert.Equal("ImplicitlyDenied", report.Decision);
    }

    [Fact]
    public void The_production_environment_can_assume_GitHubDeployProd() =>
        Assert.True(AccessAssert.CanAssume(Prod, "GitHubDeployProd",
            Token("repo:acme/edge-app:environment:production", "acme/edge-app/.github/workflows/deploy.yml@refs/heads/main")).Allowed);

    [Fact]
    public void A_broken_expectation_says_which_statement_and_condition_decided()
    {
        var failure = Assert.Throws<AccessAssertionException>(() => AccessAssert.CannotAssume(Prod, "GitHubDeployProd",
            Token("repo:acme/edge-app:environment:production", "acme/edge-app/.github/workflows/deploy.yml@refs/heads/main")));

        Assert.Contains("is allowed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("deciding: Allow WebIdentityExactSubjects", failure.Message, StringComparison.Ordinal);
        Assert.Contains(GitHub + ":sub", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.Report!.Allowed);
        Assert.Throws<AccessAssertionException>(() => AccessAssert.CanAssume(Prod, "NoSuchRole", Token("x", "y")));
    }

    private StackTemplate Dev => stacks.Assembly.FindStack("dev")!;

    private static RequestContext Device(string cn) => RequestContext.Of(("aws:PrincipalTag/x509Subject/CN", cn));

    [Fact]
    public void A_device_session_can_write_under_its_own_prefix_only()
    {
        const string Prefix = "arn:aws:s3:::edge-telemetry-dev-111111111111/devices/";
        var report = AccessAssert.CanDo(Dev, "EdgeDeviceRole", "s3:PutObject", Prefix + "camera-7/frame.jpg", Device("camera-7"), "profile:edge-device");
        Assert.Equal("Allowed", report.Outcome);

        Assert.NotEmpty(AccessAssert.CannotDo(Dev, "EdgeDeviceRole", "s3:PutObject", Prefix + "camera-8/frame.jpg", Device("camera-7"), "profile:edge-device"));

        // Without the device's CN the request could be any device's: the prefix statement is a conditional allow.
        var failure = Assert.Throws<AccessAssertionException>(() => AccessAssert.CannotDo(Dev, "EdgeDeviceRole", "s3:PutObject", Prefix + "camera-8/frame.jpg", session: "profile:edge-device"));
        Assert.Contains("once the request carries aws:PrincipalTag/x509Subject/CN", failure.Message, StringComparison.Ordinal);
        Assert.NotNull(failure.PermissionReport);
    }

    [Fact]
    public void A_device_session_cannot_touch_iam_and_a_broken_expectation_names_the_deciding_statement()
    {
        var reports = AccessAssert.CannotDo(Dev, "EdgeDeviceRole", "iam:*", "*", session: "profile:edge-device");
        Assert.True(reports.Count > 100);
        Assert.All(reports, r => Assert.Equal("ExplicitlyDenied", r.Outcome));

        var failure = Assert.Throws<AccessAssertionException>(() => AccessAssert.CanDo(Dev, "EdgeDeviceRole", "iam:PassRole", "*", session: "profile:edge-device"));
        Assert.Contains("denied by profile edge-device session policy: Deny NoIdentityChanges", failure.Message, StringComparison.Ordinal);
        Assert.Equal("ExplicitlyDenied", failure.PermissionReport!.Outcome);
        Assert.Null(failure.Report);
    }
}
