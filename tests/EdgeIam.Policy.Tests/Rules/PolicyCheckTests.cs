using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Rules;

/// <summary>check over whole stacks: the shipped shapes pass; each acceptance mutation is caught by the right rule.</summary>
public sealed class PolicyCheckTests
{
    // stacks/dev.yaml's GitHubPlan opts into org-wide pull-request subjects: accepted, so a warning and not an error.
    private const string AcceptedPlanRole = "OidcRolesGitHubPlanRole1F1DE776";

    [Fact]
    public void Shipped_dev_and_prod_stacks_have_no_errors_and_only_the_accepted_org_wide_subject_warning()
    {
        var report = PolicyCheck.RunAssembly(Fixtures.AssemblyDirectory, []);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("EIAM-WEBID-003", AcceptedPlanRole, Severity.Warning), (finding.Rule.Id, finding.ResourceLogicalId, finding.Severity));
        Assert.False(report.HasErrors);
        Assert.Equal(["dev", "prod"], report.Stacks.Select(s => s.Name));
        Assert.Equal("policy check: 2 stacks, 21 roles: 0 errors, 1 warning, 0 notes; assertions: 32 held, 0 failed", report.Summary);
        Assert.All(report.Assertions, a => Assert.True(a.Held, a.Assertion.Label));
    }

    /// <summary>
    /// Each mutation of the shipped dev template is an error of the rule that knows it, and the shipped assertions
    /// (stacks/dev.assertions.yaml) that the mutation breaks fail too: the owners' expectations catch it on their own.
    /// A subject widened to <c>repo:acme/*</c> lets pull requests into GitHubDeploy, which writes to S3, so the
    /// permission assertion on pull requests fails with the trust assertion.
    /// </summary>
    [Theory]
    [InlineData("drop-aud", "EIAM-WEBID-001", "OidcRolesGitHubDeployRole762AD053", "web-identity-pins-audience")]
    [InlineData("widen-sub", "EIAM-WEBID-003", "OidcRolesGitHubDeployRole762AD053", "feature-branches-cannot-deploy-dev,pull-requests-cannot-write-s3")]
    [InlineData("root-no-externalid", "EIAM-XACCT-001", "MutantVendorRole", "only-audit-and-ops-accounts-from-outside")]
    [InlineData("imds-optional", "EIAM-IMDS-001", "FleetVideoAnalyticsLaunchTemplateC794CC88", null)]
    [InlineData("ra-no-sourcearn", "EIAM-RA-001", "RolesAnywhereRoleEdgeDeviceRole0DF6DF66", "factory-certificates-cannot-reach-the-device-role")]
    [InlineData("admin-inline", "EIAM-PERM-001", "FleetVideoAnalyticsRole9CA1BF9F", null)]
    public void Acceptance_mutation_is_an_error_of_the_expected_rule(string mutation, string ruleId, string resource, string? brokenAssertion)
    {
        using var copy = Fixtures.CopyAssembly();
        var assembly = copy.Path;
        TemplateMutations.Apply(Path.Combine(assembly, "EdgeIam-dev.template.json"), mutation);

        var report = PolicyCheck.RunAssembly(assembly, ["dev"]);

        Assert.True(report.HasErrors);
        var finding = Assert.Single(report.Findings, f => f.Severity == Severity.Error && f.AssertionId is null);
        Assert.Equal((ruleId, resource, Severity.Error), (finding.Rule.Id, finding.ResourceLogicalId, finding.Severity));
        Assert.All(report.Findings.Where(f => f != finding && f.AssertionId is null), f => Assert.Equal(("EIAM-WEBID-003", AcceptedPlanRole), (f.Rule.Id, f.ResourceLogicalId)));
        Assert.Equal(brokenAssertion is null ? [] : brokenAssertion.Split(','), report.Assertions.Where(a => !a.Held).Select(a => a.Assertion.Id));
    }

    [Fact]
    public void Rule_ids_are_unique_and_well_formed()
    {
        var ids = RuleCatalog.All.Select(r => r.Descriptor.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^EIAM-[A-Z]+-[0-9]{3}$", id));
        Assert.All(RuleCatalog.All, r => Assert.DoesNotContain('\n', r.Descriptor.Fix));
    }

    [Fact]
    public void An_instance_without_a_launch_template_of_the_stack_is_flagged()
    {
        const string Json = """{"Resources":{"I":{"Type":"AWS::EC2::Instance","Properties":{"ImageId":"ami-123","LaunchTemplate":{"LaunchTemplateName":"defined-elsewhere","Version":"1"}}}}}""";
        var stack = EdgeIam.Policy.Templates.TemplateReader.Read(System.Text.Encoding.UTF8.GetBytes(Json), "t.json", "t", "EdgeIam-t", EdgeIam.Policy.Templates.StackEnvironment.Unknown);

        var finding = Assert.Single(new ImdsV2RequiredRule().Check(stack));
        Assert.Equal(("I", "$.Resources.I"), (finding.ResourceLogicalId, finding.JsonPath));
    }
}
