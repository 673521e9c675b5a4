using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Templates;

public sealed class TemplateReaderTests
{
    [Fact]
    public void Reads_every_role_sorted_by_logical_id_with_its_config_name()
    {
        // The fifteen roles of stacks/dev.yaml, as the constructs name them.
        Assert.Equal(
            [
                "ContainersInferenceInferencePodRoleEA955D82", "ContainersInferenceInferenceTaskRole8EA66BEA",
                "CrossAccountOpsBreakGlassDevRoleF42C3EE2", "CrossAccountSecurityAuditRole0FF95E17", "FleetInferenceRoleA93842E0",
                "FleetVideoAnalyticsRole9CA1BF9F", "OidcRolesCdkDeployRole31328FE4", "OidcRolesGitHubDeployRole762AD053", "OidcRolesGitHubPlanRole1F1DE776",
                "OidcRolesGitLabDeployRole95713DA7", "RolesAnywhereRoleEdgeDeviceRole0DF6DF66",
                "RolesAnywhereRoleEdgeTelemetryWriterRole05A6047B", "RolesAnywhereRoleFactoryControllerRoleBD28377C",
                "SamlRolesSamlEdgeViewerRole97DA5BB4", "ServiceRolesEdgePipelineBuildRole24C367FF",
            ],
            Fixtures.Dev.Roles.Select(r => r.LogicalId));
        Assert.Equal(
            ["InferencePod", "InferenceTask", "OpsBreakGlassDev", "SecurityAudit", "inference", "video-analytics", "CdkDeploy", "GitHubDeploy", "GitHubPlan", "GitLabDeploy", "EdgeDeviceRole", "EdgeTelemetryWriter", "FactoryControllerRole", "SamlEdgeViewer", "EdgePipelineBuild"],
            Fixtures.Dev.Roles.Select(r => r.ConfigName));
    }

    [Fact]
    public void Environment_comes_from_the_manifest()
    {
        Assert.Equal(new StackEnvironment("111111111111", "us-east-1"), Fixtures.Dev.Environment);
        Assert.Equal("EdgeIam-dev", Fixtures.Dev.StackId);
    }

    [Fact]
    public void Oidc_provider_ref_resolves_to_the_provider_arn()
    {
        // GitLab's provider is created by the stack ({"Ref": provider}); GitHub's exists in the account (a literal ARN).
        var gitlab = Fixtures.Dev.FindRole("GitLabDeploy")!;
        var principal = Assert.Single(gitlab.TrustPolicy.Statements[0].Principal!.Entries);
        Assert.Equal(PrincipalKind.Federated, principal.Kind);
        Assert.Equal("arn:aws:iam::111111111111:oidc-provider/gitlab.acme.example", principal.Value);
        Assert.Equal("gitlab.acme.example", Assert.Single(Fixtures.Dev.OidcProviders).Issuer);
        var github = Assert.Single(Fixtures.Dev.FindRole("GitHubDeploy")!.TrustPolicy.Statements[0].Principal!.Entries);
        Assert.Equal("arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com", github.Value);
    }

    [Fact]
    public void Join_with_the_partition_resolves_an_account_root_principal()
    {
        var role = Fixtures.Dev.FindRole("SecurityAudit")!;
        Assert.Equal("arn:aws:iam::222222222222:root", role.TrustPolicy.Statements[0].Principal!.Entries[0].Value);
        Assert.Equal(["arn:aws:iam::aws:policy/SecurityAudit"], role.ManagedPolicyArns);
    }

    [Fact]
    public void GetAtt_of_a_trust_anchor_stays_a_symbol_that_names_the_anchor()
    {
        var role = Fixtures.Dev.FindRole("FactoryControllerRole")!;
        var sourceArn = role.TrustPolicy.Statements[0].ConditionsOn("aws:SourceArn").Single();
        Assert.Equal("${RolesAnywhereTrustAnchorFactoryPca72705560.TrustAnchorArn}", Assert.Single(sourceArn.Values));
        Assert.Equal(Fixtures.Dev.TrustAnchors.Single(a => a.LogicalId == "RolesAnywhereTrustAnchorFactoryPca72705560").ArnSymbol, sourceArn.Values[0]);
        Assert.True(SymbolicValue.TryParseReference(sourceArn.Values[0], out var id, out var attribute));
        Assert.Equal(("RolesAnywhereTrustAnchorFactoryPca72705560", "TrustAnchorArn"), (id, attribute));
    }

    [Fact]
    public void Separate_policy_resources_attach_to_the_role_they_reference()
    {
        // EdgeDeviceRole holds its permissions policy and the per-device prefix policy, two AWS::IAM::Policy resources.
        var role = Fixtures.Dev.FindRole("EdgeDeviceRole")!;
        Assert.All(role.PermissionPolicies, p => Assert.Equal(PermissionPolicyKind.InlineResource, p.Kind));
        Assert.Equal(
            ["RolesAnywhereRoleEdgeDeviceRolePermissions28ED9446", "RolesAnywhereDevicePrefixEdgeDeviceRole8921957B"],
            role.PermissionPolicies.Select(p => p.SourceLogicalId));
        Assert.Equal("arn:aws:s3:::edge-telemetry-dev-111111111111/devices/${aws:PrincipalTag/x509Subject/CN}/*", role.PermissionPolicies[1].Document.Statements[0].Resource!.Values[0]);
        var github = Assert.Single(Fixtures.Dev.FindRole("GitHubDeploy")!.PermissionPolicies);
        Assert.Equal("OidcRolesGitHubDeployPermissions307E2BCF", github.SourceLogicalId);
        Assert.Equal("arn:aws:s3:::acme-edge-artifacts-dev/*", github.Document.Statements[0].Resource!.Values[0]);
    }

    [Fact]
    public void Launch_templates_and_instances_keep_their_metadata_options()
    {
        Assert.Equal(["FleetInferenceLaunchTemplate5D3EA869", "FleetVideoAnalyticsLaunchTemplateC794CC88"], Fixtures.Dev.LaunchTemplates.Select(t => t.LogicalId).Order(StringComparer.Ordinal));
        var video = Fixtures.Dev.LaunchTemplates.Single(t => t.LogicalId == "FleetVideoAnalyticsLaunchTemplateC794CC88");
        Assert.Equal(new MetadataOptions("required", "enabled", 1, "$.Resources.FleetVideoAnalyticsLaunchTemplateC794CC88.Properties.LaunchTemplateData.MetadataOptions"), video.Metadata);
        Assert.Equal(
            [("FleetInferenceInstance1B50F93BD", "FleetInferenceLaunchTemplate5D3EA869"), ("FleetVideoAnalyticsInstance1D8D789F1", "FleetVideoAnalyticsLaunchTemplateC794CC88"), ("FleetVideoAnalyticsInstance20095D195", "FleetVideoAnalyticsLaunchTemplateC794CC88")],
            Fixtures.Dev.Instances.Select(i => (i.LogicalId, i.LaunchTemplateLogicalId)).OrderBy(i => i.LogicalId, StringComparer.Ordinal));
    }

    [Fact]
    public void Roles_anywhere_profile_lists_its_roles()
    {
        var profile = Fixtures.Dev.RolesAnywhereProfiles.Single(p => p.Name == "edge-device");
        Assert.Equal(["RolesAnywhereRoleEdgeDeviceRole0DF6DF66", "RolesAnywhereRoleEdgeTelemetryWriterRole05A6047B"], profile.RoleLogicalIds);
        Assert.Equal(3600, profile.DurationSeconds);
        var factory = Fixtures.Dev.RolesAnywhereProfiles.Single(p => p.Name == "factory-line");
        Assert.Contains("RolesAnywhereRoleFactoryControllerRoleBD28377C", factory.RoleLogicalIds);
    }

    [Theory]
    [InlineData("GitHubDeploy", "OidcRolesGitHubDeployRole762AD053")]
    [InlineData("OidcRolesGitHubDeployRole762AD053", "OidcRolesGitHubDeployRole762AD053")]
    [InlineData("githubdeploy", "OidcRolesGitHubDeployRole762AD053")]
    public void FindRole_takes_config_name_or_logical_id(string name, string logicalId) =>
        Assert.Equal(logicalId, Fixtures.Dev.FindRole(name)?.LogicalId);

    [Fact]
    public void FindRole_returns_null_for_an_unknown_role() => Assert.Null(Fixtures.Dev.FindRole("Nope"));

    [Fact]
    public void Trust_policy_size_counts_characters_without_whitespace()
    {
        var role = Fixtures.Dev.FindRole("video-analytics")!;
        Assert.Equal(
            """{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"}}],"Version":"2012-10-17"}""".Length,
            role.TrustPolicySize);
    }

    [Fact]
    public void Duplicate_keys_are_bad_input_with_file_and_path()
    {
        const string Json = """{"Resources":{"R":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ec2.amazonaws.com"},"Condition":{"StringEquals":{"a:b":"1"},"StringEquals":{"a:c":"2"}}}]}}}}}""";
        var ex = Assert.Throws<TemplateException>(() => Read(Json));
        Assert.Equal("t.json", ex.FilePath);
        Assert.Equal("$.Resources.R.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals", ex.JsonPath);
        Assert.Contains("duplicate key \"StringEquals\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_policy_is_bad_input_with_its_path()
    {
        const string Json = """{"Resources":{"R":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Action":"sts:AssumeRole","Principal":{"Service":"ec2.amazonaws.com"}}]}}}}}""";
        var ex = Assert.Throws<TemplateException>(() => Read(Json));
        Assert.Equal("$.Resources.R.Properties.AssumeRolePolicyDocument.Statement[0].Effect", ex.JsonPath);
    }

    [Fact]
    public void Malformed_json_is_bad_input()
    {
        var ex = Assert.Throws<TemplateException>(() => Read("""{"Resources": {"""));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_stack_names_what_exists()
    {
        var ex = Assert.Throws<TemplateException>(() => AssemblyReader.Load(Fixtures.AssemblyDirectory, ["staging"]));
        Assert.Contains("found: dev, prod", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_bad_input() =>
        Assert.Throws<TemplateException>(() => AssemblyReader.Load(Path.Combine(Fixtures.AssemblyDirectory, "missing")));

    [Fact]
    public void Stack_names_take_either_form()
    {
        var assembly = AssemblyReader.Load(Fixtures.AssemblyDirectory, ["EdgeIam-prod"]);
        Assert.Equal("prod", Assert.Single(assembly.Stacks).Name);
    }

    [Fact]
    public void A_template_without_resources_is_an_empty_stack() =>
        Assert.Empty(Read("""{"Parameters":{"BootstrapVersion":{"Type":"String"}}}""").Roles);

    [Fact]
    public void Resources_that_are_not_an_object_are_bad_input() =>
        Assert.Equal("$.Resources", Assert.Throws<TemplateException>(() => Read("""{"Resources":[]}""")).JsonPath);

    private static StackTemplate Read(string json) =>
        TemplateReader.Read(System.Text.Encoding.UTF8.GetBytes(json), "t.json", "t", "EdgeIam-t", StackEnvironment.Unknown);
}
