using System.Text.Json.Nodes;
using EdgeIam.Policy.Access;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Access;

/// <summary>The diff of what is not a role: Roles Anywhere profiles, IMDS options, security-group ingress, and --stack.</summary>
public sealed class ResourceDiffTests
{
    private const string EdgeDevice = "RolesAnywhereProfileEdgeDeviceABC34697";
    private const string FactoryLine = "RolesAnywhereProfileFactoryLine366773F2";
    private const string LaunchTemplate = "FleetVideoAnalyticsLaunchTemplateC794CC88";
    private const string Group = "FleetVideoAnalyticsSecurityGroup3DF4E3B8";

    [Fact]
    public void An_assembly_compared_with_itself_has_no_changes()
    {
        var diff = AccessDiffer.Diff(Fixtures.Assembly, Fixtures.Assembly, []);

        Assert.Empty(diff.Changes);
    }

    [Fact]
    public void A_longer_profile_session_is_widened_and_a_shorter_one_narrowed()
    {
        var widened = Single(Diff("prod", head: r => Props(r, EdgeDevice)["DurationSeconds"] = 43200));
        var narrowed = Single(Diff("prod", head: r => Props(r, EdgeDevice)["DurationSeconds"] = 900));

        Assert.Equal(("prod", "edge-device (RolesAnywhereProfileEdgeDeviceABC34697)", "profile", ChangeKind.Widened, "session duration 1h -> 12h"),
            (widened.Stack, widened.Role, widened.Area, widened.Kind, widened.Summary));
        Assert.Equal((ChangeKind.Narrowed, "session duration 1h -> 15m"), (narrowed.Kind, narrowed.Summary));
    }

    [Fact]
    public void A_profile_duration_that_is_not_a_literal_is_not_proved_shorter()
    {
        var change = Single(Diff("prod", head: r => Props(r, EdgeDevice)["DurationSeconds"] = new JsonObject { ["Ref"] = "Duration" }));

        Assert.Equal((ChangeKind.Widened, "session duration 1h -> {\"Ref\":\"Duration\"}"), (change.Kind, change.Summary));
    }

    [Fact]
    public void Removing_the_session_policy_deny_is_widened()
    {
        var change = Single(Diff("prod", head: r => Props(r, EdgeDevice)["SessionPolicy"] =
            """{"Version":"2012-10-17","Statement":[{"Sid":"EverythingElse","Effect":"Allow","Action":"*","Resource":"*"}]}"""));

        Assert.Equal((ChangeKind.Widened, "profile", "session policy: deny removed: Deny iam:*, sts:AssumeRole on *"), (change.Kind, change.Area, change.Summary));
    }

    [Fact]
    public void A_session_policy_allowing_more_actions_is_widened_and_dropping_it_altogether_too()
    {
        const string Narrow = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
        const string Wide = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";

        var more = Diff("prod", @base: r => Props(r, EdgeDevice)["SessionPolicy"] = Narrow, head: r => Props(r, EdgeDevice)["SessionPolicy"] = Wide);
        var dropped = Diff("prod", @base: r => Props(r, EdgeDevice)["SessionPolicy"] = Narrow, head: r => Props(r, EdgeDevice).Remove("SessionPolicy"));

        var widened = Assert.Single(more.Changes, c => c.IsWidening && c.Area == "profile");
        Assert.Equal("session policy: Allow s3:* on *", widened.Summary);
        // What it means for the role's sessions: s3 writes it could not do before.
        Assert.Contains(more.Changes, c => c.Area == "permissions (profile:edge-device)" && c.Summary == "now has Write on s3: s3:PutObject");
        Assert.Contains("new actions s3:*", widened.Details);
        Assert.Contains(dropped.Changes, c => c.Kind == ChangeKind.Widened && c.Summary == "session policy: Allow * on *");
    }

    [Fact]
    public void A_session_policy_that_cannot_be_read_is_not_proved_narrower()
    {
        var diff = Diff("prod", head: r => Props(r, EdgeDevice)["SessionPolicy"] = new JsonObject { ["Fn::Sub"] = "${Policy}" });

        var change = Assert.Single(diff.Changes, c => c.Area == "profile");
        Assert.Equal((ChangeKind.Widened, "session policy changed (cannot read it: cannot prove narrower)"), (change.Kind, change.Summary));
        Assert.Contains(diff.Changes, c => c.Area == "permissions (profile:edge-device)" && c.IsWidening && c.Summary.StartsWith("cannot prove what the session may do", StringComparison.Ordinal));
    }

    [Fact]
    public void Session_policies_combine_so_one_removed_next_to_others_narrows_and_one_added_next_to_others_widens()
    {
        // The shipped factory-line profile has no managed session policies: the test gives it two.
        JsonArray Two() => new("arn:aws:iam::aws:policy/AmazonKinesisFullAccess", "arn:aws:iam::aws:policy/AWSIoTDataAccess");
        var removed = Diff("dev", @base: r => Props(r, FactoryLine)["ManagedPolicyArns"] = Two(),
            head: r => Props(r, FactoryLine)["ManagedPolicyArns"] = new JsonArray("arn:aws:iam::aws:policy/AmazonKinesisFullAccess"));
        var added = Diff("prod", head: r => Props(r, EdgeDevice)["ManagedPolicyArns"] = new JsonArray("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        var last = Diff("dev", @base: r => Props(r, FactoryLine)["ManagedPolicyArns"] = Two());

        var profileRemoved = Assert.Single(removed.Changes, c => c.Area == "profile");
        Assert.Equal((ChangeKind.Narrowed, "managed session policy removed: arn:aws:iam::aws:policy/AWSIoTDataAccess"), (profileRemoved.Kind, profileRemoved.Summary));
        // The effect: FactoryControllerRole's factory-line sessions lose the iot actions only AWSIoTDataAccess allowed.
        Assert.Contains(removed.Changes, c => c.Area == "permissions (profile:factory-line)" && c.Kind == ChangeKind.Narrowed && c.Summary.StartsWith("no longer has Write on iot: ", StringComparison.Ordinal));
        Assert.DoesNotContain(removed.Changes, c => c.IsWidening);

        var profileAdded = Assert.Single(added.Changes, c => c.Area == "profile");
        Assert.Equal((ChangeKind.Widened, "managed session policy added: arn:aws:iam::aws:policy/ReadOnlyAccess"), (profileAdded.Kind, profileAdded.Summary));

        Assert.Contains(last.Changes, c => c.Area == "profile" && c.Kind == ChangeKind.Widened && c.Summary == "managed session policy removed: arn:aws:iam::aws:policy/AWSIoTDataAccess");
    }

    [Fact]
    public void A_role_added_to_a_profile_is_widened_and_a_role_removed_narrowed()
    {
        var added = Single(Diff("prod", head: r => ((JsonArray)Props(r, EdgeDevice)["RoleArns"]!).Add("arn:aws:iam::111122223333:role/Other")));
        var removed = Single(Diff("dev", head: r => ((JsonArray)Props(r, FactoryLine)["RoleArns"]!).RemoveAt(1)));

        Assert.Equal((ChangeKind.Widened, "role added: arn:aws:iam::111122223333:role/Other"), (added.Kind, added.Summary));
        Assert.Equal((ChangeKind.Narrowed, "role removed: RolesAnywhereRoleEdgeTelemetryWriterRole05A6047B"), (removed.Kind, removed.Summary));
    }

    [Fact]
    public void Enabling_a_profile_and_no_longer_requiring_instance_properties_are_widened()
    {
        var diff = Diff("prod", @base: r =>
        {
            Props(r, EdgeDevice)["Enabled"] = false;
            Props(r, EdgeDevice)["RequireInstanceProperties"] = true;
        });

        Assert.Equal(
            ["enabled false -> true", "requireInstanceProperties true -> false"],
            diff.Changes.Where(c => c.Kind == ChangeKind.Widened).Select(c => c.Summary).Order(StringComparer.Ordinal));
        Assert.Equal(2, diff.Changes.Count);
    }

    [Fact]
    public void A_new_profile_is_added_and_names_its_roles()
    {
        var diff = Diff("prod", @base: r => r.Remove(EdgeDevice));

        var change = Assert.Single(diff.Changes, c => c.Area == "profile");
        Assert.Equal((ChangeKind.Added, "new Roles Anywhere profile"), (change.Kind, change.Summary));
        Assert.Contains("role RolesAnywhereRoleEdgeDeviceRole0DF6DF66", change.Details);
    }

    [Theory]
    [InlineData("HttpTokens", "optional", ChangeKind.Widened, "httpTokens required -> optional")]
    [InlineData("HttpPutResponseHopLimit", 2, ChangeKind.Widened, "hop limit 1 -> 2")]
    [InlineData("InstanceMetadataTags", "enabled", ChangeKind.Widened, "instanceMetadataTags disabled -> enabled")]
    [InlineData("HttpEndpoint", "disabled", ChangeKind.Narrowed, "httpEndpoint enabled -> disabled")]
    public void Imds_option_changes_are_classified(string key, object value, ChangeKind kind, string summary)
    {
        var change = Single(Diff("prod", head: r => Imds(r, LaunchTemplate)[key] = JsonValue.Create(value)));

        Assert.Equal(("FleetVideoAnalytics/LaunchTemplate (FleetVideoAnalyticsLaunchTemplateC794CC88)", "imds", kind, summary),
            (change.Role, change.Area, change.Kind, change.Summary));
    }

    [Fact]
    public void Imds_switched_back_on_and_an_absent_token_setting_are_widened()
    {
        var endpoint = Single(Diff("prod", @base: r => Imds(r, LaunchTemplate)["HttpEndpoint"] = "disabled"));
        var tokens = Single(Diff("prod", head: r => Imds(r, LaunchTemplate).Remove("HttpTokens")));
        var hop = Single(Diff("prod", head: r => Imds(r, LaunchTemplate)["HttpPutResponseHopLimit"] = new JsonObject { ["Ref"] = "Hops" }));

        Assert.Equal((ChangeKind.Widened, "httpEndpoint disabled -> enabled"), (endpoint.Kind, endpoint.Summary));
        Assert.Equal((ChangeKind.Widened, "httpTokens required -> optional"), (tokens.Kind, tokens.Summary));
        Assert.Equal((ChangeKind.Widened, "hop limit 1 -> {\"Ref\":\"Hops\"}"), (hop.Kind, hop.Summary));
    }

    [Fact]
    public void Instance_metadata_options_are_diffed_on_the_instance()
    {
        const string Instance = "FleetVideoAnalyticsInstance1D8D789F1";
        var change = Single(Diff("prod",
            @base: r => Props(r, Instance)["MetadataOptions"] = new JsonObject { ["HttpTokens"] = "required" },
            head: r => Props(r, Instance)["MetadataOptions"] = new JsonObject { ["HttpTokens"] = "optional" }));

        Assert.Equal(("FleetVideoAnalytics/Instance1 (FleetVideoAnalyticsInstance1D8D789F1)", ChangeKind.Widened, "httpTokens required -> optional"),
            (change.Role, change.Kind, change.Summary));
    }

    [Fact]
    public void A_wider_port_range_is_widened_with_before_and_after()
    {
        var change = Single(Diff("prod", head: r => Ingress(r, Group)[0]!["ToPort"] = 444));

        Assert.Equal(("FleetVideoAnalytics/SecurityGroup (FleetVideoAnalyticsSecurityGroup3DF4E3B8)", "ingress", ChangeKind.Widened,
                "ingress tcp 443 from 0.0.0.0/0 -> tcp 443-444 from 0.0.0.0/0"),
            (change.Role, change.Area, change.Kind, change.Summary));
        Assert.Equal(["rule \"HTTPS from devices on the carrier network\""], change.Details);
    }

    [Fact]
    public void A_wider_cidr_is_widened_and_a_narrower_one_narrowed()
    {
        var wider = Single(Diff("dev", head: r => Ingress(r, Group)[1]!["CidrIp"] = "10.0.0.0/8"));
        var narrower = Single(Diff("dev", head: r => Ingress(r, Group)[1]!["CidrIp"] = "10.20.5.0/24"));

        Assert.Equal((ChangeKind.Widened, "ingress icmp all ports from 10.20.0.0/16 -> icmp all ports from 10.0.0.0/8"), (wider.Kind, wider.Summary));
        Assert.Equal(ChangeKind.Narrowed, narrower.Kind);
    }

    [Fact]
    public void Egress_to_anywhere_instead_of_https_is_widened()
    {
        var change = Single(Diff("prod", head: r => Egress(r, Group)[0]!["IpProtocol"] = "-1"));

        Assert.Equal(("egress", ChangeKind.Widened, "egress tcp 443 to 0.0.0.0/0 -> all traffic to 0.0.0.0/0"), (change.Area, change.Kind, change.Summary));
        Assert.True(change.IsWidening);
    }

    [Fact]
    public void Egress_left_out_is_AWS_default_all_traffic_and_so_widened()
    {
        var change = Single(Diff("prod", head: r => Props(r, Group).Remove("SecurityGroupEgress")));

        Assert.Equal(("egress", ChangeKind.Added, "new egress rule: all traffic to 0.0.0.0/0"), (change.Area, change.Kind, change.Summary));
        Assert.True(change.IsWidening);
    }

    [Fact]
    public void A_narrower_egress_destination_is_narrowed_and_a_standalone_egress_rule_added()
    {
        var narrower = Single(Diff("prod", head: r => Egress(r, Group)[0]!["CidrIp"] = "10.30.0.0/16"));
        Assert.Equal((ChangeKind.Narrowed, "egress"), (narrower.Kind, narrower.Area));

        var added = Single(Diff("prod", head: r => r["ToPeers"] = new JsonObject
        {
            ["Type"] = "AWS::EC2::SecurityGroupEgress",
            ["Properties"] = new JsonObject
            {
                ["GroupId"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray(Group, "GroupId") },
                ["IpProtocol"] = "udp",
                ["FromPort"] = 53,
                ["ToPort"] = 53,
                ["DestinationSecurityGroupId"] = "sg-0123456789abcdef0",
            },
        }));
        Assert.Equal((ChangeKind.Added, "new egress rule: udp 53 to sg-0123456789abcdef0"), (added.Kind, added.Summary));
    }

    [Fact]
    public void A_standalone_ingress_resource_is_a_new_rule_on_its_group()
    {
        var change = Single(Diff("prod", head: r => r["OpenSsh"] = new JsonObject
        {
            ["Type"] = "AWS::EC2::SecurityGroupIngress",
            ["Properties"] = new JsonObject
            {
                ["GroupId"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray(Group, "GroupId") },
                ["IpProtocol"] = "tcp",
                ["FromPort"] = 22,
                ["ToPort"] = 22,
                ["CidrIp"] = "203.0.113.0/24",
            },
        }));

        Assert.Equal(("FleetVideoAnalytics/SecurityGroup (FleetVideoAnalyticsSecurityGroup3DF4E3B8)", ChangeKind.Added, "new ingress rule: tcp 22 from 203.0.113.0/24"),
            (change.Role, change.Kind, change.Summary));
    }

    [Fact]
    public void All_traffic_from_the_same_source_is_wider_than_one_port()
    {
        var change = Single(Diff("prod", head: r => Ingress(r, Group)[0]!["IpProtocol"] = "-1"));

        Assert.Equal((ChangeKind.Widened, "ingress tcp 443 from 0.0.0.0/0 -> all traffic from 0.0.0.0/0"), (change.Kind, change.Summary));
    }

    [Fact]
    public void Stack_limits_both_sides_so_a_one_stack_assembly_has_no_removals()
    {
        var devOnly = Fixtures.Assembly with { Stacks = [Fixtures.Dev] };

        var limited = AccessDiffer.Diff(Fixtures.Assembly, devOnly, ["dev"]);
        var byId = AccessDiffer.Diff(Fixtures.Assembly, devOnly, ["EdgeIam-dev"]);
        var all = AccessDiffer.Diff(Fixtures.Assembly, devOnly, []);

        Assert.Empty(limited.Changes);
        Assert.Empty(byId.Changes);
        Assert.Contains(all.Changes, c => c.Stack == "prod" && c.Kind == ChangeKind.Removed && c.Summary == "role removed");
        Assert.Contains(all.Changes, c => c.Stack == "prod" && c.Kind == ChangeKind.Removed && c.Summary == "Roles Anywhere profile removed");
    }

    [Fact]
    public void An_unknown_stack_is_bad_input_naming_the_stacks_there_are()
    {
        var ex = Assert.Throws<TemplateException>(() => AccessDiffer.Diff(Fixtures.Assembly, Fixtures.Assembly, ["staging"]));

        Assert.Equal("--stack staging: no such stack in --base or --head (stacks: dev, prod); give a stack name such as dev.", ex.Message);
    }

    [Fact]
    public void Resource_changes_appear_in_text_json_and_markdown()
    {
        var diff = Diff("prod", head: r => Imds(r, LaunchTemplate)["HttpPutResponseHopLimit"] = 2);

        var text = GoldenFile.Render(w => DiffTextWriter.Write(diff, w));
        var json = GoldenFile.Render(w => DiffJsonWriter.Write(diff, w));
        var markdown = GoldenFile.Render(w => DiffMarkdownWriter.Write(diff, w));

        Assert.Contains("FleetVideoAnalytics/LaunchTemplate (FleetVideoAnalyticsLaunchTemplateC794CC88)", text, StringComparison.Ordinal);
        Assert.Contains("widened  imds        hop limit 1 -> 2", text, StringComparison.Ordinal);
        Assert.Contains("\"hop limit 1 -> 2\"", json, StringComparison.Ordinal);
        Assert.Contains("| **widened** | prod | FleetVideoAnalytics/LaunchTemplate (FleetVideoAnalyticsLaunchTemplateC794CC88) | imds | hop limit 1 -&gt; 2 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_shapes_are_diffed_not_crashed_on_and_never_read_as_unchanged()
    {
        var ingress = Diff("prod", head: r => Props(r, Group)["SecurityGroupIngress"] = "not a list");
        var roles = Diff("prod", head: r => Props(r, EdgeDevice)["RoleArns"] = new JsonArray(new JsonArray("nested"), 7));
        var noProperties = Diff("prod", head: r => r[EdgeDevice]!.AsObject().Remove("Properties"));

        // A rule that is not an object has no source or protocol: all traffic from nowhere, never "covered".
        Assert.Contains(ingress.Changes, c => c.Kind == ChangeKind.Removed && c.Summary == "ingress rule removed: tcp 443 from 0.0.0.0/0");
        Assert.Contains(roles.Changes, c => c.Kind == ChangeKind.Widened && c.Summary == "role added: [\"nested\"]");
        Assert.Contains(roles.Changes, c => c.Kind == ChangeKind.Widened && c.Summary == "role added: 7");
        // No Properties: no session policy and no managed policies, so the deny is gone.
        Assert.Contains(noProperties.Changes, c => c.Kind == ChangeKind.Widened && c.Summary == "session policy: deny removed: Deny iam:*, sts:AssumeRole on *");
    }

    [Fact]
    public void A_new_oidc_audience_or_thumbprint_is_widened_and_a_removed_one_narrowed()
    {
        const string Gitlab = "OidcProvidersgitlab2386AD50";
        var audience = Single(Diff("dev", head: r => ((JsonArray)Props(r, Gitlab)["ClientIdList"]!).Add("other-audience")));
        var thumbprint = Single(Diff("dev", head: r => ((JsonArray)Props(r, Gitlab)["ThumbprintList"]!).Add("0000000000000000000000000000000000000000")));
        var removed = Single(Diff("dev", head: r => ((JsonArray)Props(r, Gitlab)["ClientIdList"]!).RemoveAt(0)));

        Assert.Equal(("Oidc/Providers/gitlab (OidcProvidersgitlab2386AD50)", "oidc", ChangeKind.Widened, "audience added: other-audience"),
            (audience.Role, audience.Area, audience.Kind, audience.Summary));
        Assert.Equal((ChangeKind.Widened, "thumbprint added: 0000000000000000000000000000000000000000"), (thumbprint.Kind, thumbprint.Summary));
        Assert.Equal((ChangeKind.Narrowed, "audience removed: https://gitlab.acme.example"), (removed.Kind, removed.Summary));
    }

    [Fact]
    public void Another_ca_on_a_trust_anchor_and_a_crl_switched_off_or_removed_are_widened()
    {
        const string Anchor = "RolesAnywhereTrustAnchorFactoryPca72705560";
        const string Crl = "RolesAnywhereTrustAnchorPartnerCaCrlD68BCF76";
        var ca = Single(Diff("dev", head: r => Props(r, Anchor)["Source"]!["SourceData"]!["AcmPcaArn"] = "arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/other"));
        var off = Single(Diff("dev", head: r => Props(r, Crl)["Enabled"] = false));
        var gone = Single(Diff("dev", head: r => r.Remove(Crl)));
        var anchorOn = Single(Diff("dev", @base: r => Props(r, Anchor)["Enabled"] = false));

        Assert.Equal(("factory-pca (RolesAnywhereTrustAnchorFactoryPca72705560)", "anchor", ChangeKind.Widened, "CA source changed (cannot prove narrower)"),
            (ca.Role, ca.Area, ca.Kind, ca.Summary));
        Assert.Equal((ChangeKind.Widened, "enabled true -> false"), (off.Kind, off.Summary));
        Assert.Equal((ChangeKind.Widened, "CRL removed: its revocations no longer apply"), (gone.Kind, gone.Summary));
        Assert.Equal((ChangeKind.Widened, "enabled false -> true"), (anchorOn.Kind, anchorOn.Summary));
    }

    [Fact]
    public void A_role_added_to_an_instance_profile_is_widened()
    {
        const string Profile = "FleetVideoAnalyticsInstanceProfileD45D4E0A";
        var change = Single(Diff("dev", head: r => ((JsonArray)Props(r, Profile)["Roles"]!).Add(new JsonObject { ["Ref"] = "FleetInferenceRoleA93842E0" })));

        Assert.Equal(("FleetVideoAnalytics/InstanceProfile (FleetVideoAnalyticsInstanceProfileD45D4E0A)", "instance-profile", ChangeKind.Widened, "role added: FleetInferenceRoleA93842E0"),
            (change.Role, change.Area, change.Kind, change.Summary));
    }

    private const string PodAssociation = "ContainersInferenceInferencePodAssociationA5D97975";

    [Fact]
    public void A_new_pod_identity_association_is_added_naming_what_it_connects_and_a_changed_service_account_is_widened()
    {
        var added = Diff("dev", @base: r => r.Remove(PodAssociation));
        var moved = Diff("dev", head: r => Props(r, PodAssociation)["ServiceAccount"] = "any-pod");

        var change = Single(added);
        Assert.Equal(("pod-identity", ChangeKind.Added, "new Pod Identity association"), (change.Area, change.Kind, change.Summary));
        Assert.Equal(["cluster edge-nyc", "namespace inference", "service account model-server", "role {\"Fn::GetAtt\":[\"ContainersInferenceInferencePodRoleEA955D82\",\"Arn\"]}"], change.Details);
        var widened = Single(moved);
        Assert.Equal((ChangeKind.Widened, "service account changed (cannot prove narrower)"), (widened.Kind, widened.Summary));
        Assert.Equal(["model-server -> any-pod"], widened.Details);
    }

    [Fact]
    public void Another_saml_metadata_document_is_widened_and_a_new_provider_added()
    {
        const string Provider = "SamlProvidersacmeidp7BF143B5";
        var changed = Diff("dev", head: r => Props(r, Provider)["SamlMetadataDocument"] = "<md:EntityDescriptor entityID=\"https://evil.example\"/>");
        var added = Diff("dev", @base: r => r.Remove(Provider));

        var change = Single(changed);
        Assert.Equal(("saml", ChangeKind.Widened, "metadata document changed (cannot prove narrower)"), (change.Area, change.Kind, change.Summary));
        Assert.Equal((ChangeKind.Added, "new SAML provider"), (Single(added).Kind, Single(added).Summary));
    }

    private static AccessChange Single(AccessDiff diff) => Assert.Single(diff.Changes);

    private static JsonObject Props(JsonObject resources, string id) => resources[id]!["Properties"]!.AsObject();

    private static JsonObject Imds(JsonObject resources, string id) => Props(resources, id)["LaunchTemplateData"]!["MetadataOptions"]!.AsObject();

    private static JsonArray Ingress(JsonObject resources, string id) => Props(resources, id)["SecurityGroupIngress"]!.AsArray();

    private static JsonArray Egress(JsonObject resources, string id) => Props(resources, id)["SecurityGroupEgress"]!.AsArray();

    /// <summary>Copies of the fixture assembly, <paramref name="base"/> and <paramref name="head"/> editing one stack's Resources.</summary>
    private static AccessDiff Diff(string stack, Action<JsonObject>? @base = null, Action<JsonObject>? head = null)
    {
        using var before = Fixtures.CopyAssembly();
        using var after = Fixtures.CopyAssembly();
        Edit(before.Combine($"EdgeIam-{stack}.template.json"), @base);
        Edit(after.Combine($"EdgeIam-{stack}.template.json"), head);
        return AccessDiffer.Diff(AssemblyReader.Load(before.Path), AssemblyReader.Load(after.Path), []);
    }

    private static void Edit(string path, Action<JsonObject>? edit)
    {
        if (edit is null)
        {
            return;
        }

        var template = JsonNode.Parse(File.ReadAllText(path))!;
        edit(template["Resources"]!.AsObject());
        File.WriteAllText(path, template.ToJsonString());
    }
}
