using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Templates;

public sealed class TemplateReaderTests
{
    [Fact]
    public void Reads_every_role_sorted_by_logical_id_with_its_config_name()
    {
        Assert.Equal(
            ["EdgeDeviceRole7C8D9E0F", "GitHubDeployRole5A6B7C8D", "GitLabConfigRoleB1C2D3E4", "SecurityAuditRole0F1E2D3C", "VideoAnalyticsFleetRole2E3F4A5B"],
            Fixtures.Dev.Roles.Select(r => r.LogicalId));
        Assert.Equal(
            ["EdgeDeviceRole", "GitHubDeploy", "GitLabConfig", "SecurityAudit", "video-analytics"],
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
        var role = Fixtures.Dev.FindRole("GitHubDeploy")!;
        var principal = Assert.Single(role.TrustPolicy.Statements[0].Principal!.Entries);
        Assert.Equal(PrincipalKind.Federated, principal.Kind);
        Assert.Equal("arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com", principal.Value);
        Assert.Equal("token.actions.githubusercontent.com", Assert.Single(Fixtures.Dev.OidcProviders).Issuer);
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
        var role = Fixtures.Dev.FindRole("EdgeDeviceRole")!;
        var sourceArn = role.TrustPolicy.Statements[0].ConditionsOn("aws:SourceArn").Single();
        Assert.Equal("${EdgeCaTrustAnchor4B5C6D7E.TrustAnchorArn}", Assert.Single(sourceArn.Values));
        Assert.Equal(Fixtures.Dev.TrustAnchors[0].ArnSymbol, sourceArn.Values[0]);
        Assert.True(SymbolicValue.TryParseReference(sourceArn.Values[0], out var id, out var attribute));
        Assert.Equal(("EdgeCaTrustAnchor4B5C6D7E", "TrustAnchorArn"), (id, attribute));
    }

    [Fact]
    public void Separate_policy_resources_attach_to_the_role_they_reference()
    {
        var role = Fixtures.Dev.FindRole("GitHubDeploy")!;
        var policy = Assert.Single(role.PermissionPolicies);
        Assert.Equal(PermissionPolicyKind.InlineResource, policy.Kind);
        Assert.Equal("GitHubDeployRoleDefaultPolicy9E8F7A6B", policy.SourceLogicalId);
        Assert.Equal("arn:aws:cloudformation:us-east-1:111111111111:stack/EdgeIam-dev/*", policy.Document.Statements[0].Resource!.Values[0]);
        Assert.Equal("arn:aws:iam::111111111111:role/cdk-hnb659fds-*-111111111111-us-east-1", policy.Document.Statements[1].Resource!.Values[0]);
    }

    [Fact]
    public void Launch_templates_and_instances_keep_their_metadata_options()
    {
        var template = Assert.Single(Fixtures.Dev.LaunchTemplates);
        Assert.Equal(new MetadataOptions("required", "enabled", 1, "$.Resources.VideoAnalyticsLaunchTemplate0A1B2C3D.Properties.LaunchTemplateData.MetadataOptions"), template.Metadata);
        Assert.All(Fixtures.Dev.Instances, i => Assert.Equal(template.LogicalId, i.LaunchTemplateLogicalId));
    }

    [Fact]
    public void Roles_anywhere_profile_lists_its_roles()
    {
        var profile = Assert.Single(Fixtures.Dev.RolesAnywhereProfiles);
        Assert.Equal(["EdgeDeviceRole7C8D9E0F"], profile.RoleLogicalIds);
        Assert.Equal(3600, profile.DurationSeconds);
    }

    [Theory]
    [InlineData("GitHubDeploy", "GitHubDeployRole5A6B7C8D")]
    [InlineData("GitHubDeployRole5A6B7C8D", "GitHubDeployRole5A6B7C8D")]
    [InlineData("githubdeploy", "GitHubDeployRole5A6B7C8D")]
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
