using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EdgeIam.Config.Placement;
using EdgeIam.Config.Stack;
using EdgeIam.Infrastructure.Tests.Support;

namespace EdgeIam.Infrastructure.Tests.Placement;

/// <summary>
/// One stack file synthesized twice: as one template, and with its items spread over the top level and two shards by
/// a lock. Every role keeps its logical ID and its whole definition wherever it is placed; references across
/// templates are nested-stack parameters and outputs; the planner's estimates are the real counts.
/// </summary>
public sealed class ShardedStackTests : IClassFixture<ShardedStackTests.Synths>
{
    private readonly Synths _synths;

    public ShardedStackTests(Synths synths) => _synths = synths;

    public sealed class Synths : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("edgeiam-shard-tests-").FullName;

        public Synths()
        {
            Config = AdHocStack.Load(Yaml(), "spread");
            Single = Synthesize(Config, TemplatePlacement.AllInTopLevel, "single");

            // Every third item stays in the top level, the others alternate between Shard1 and Shard2.
            var items = PlacementItems.Of(Config);
            var locked = items.Select((item, i) => (item.Key, Template: i % 3)).ToDictionary(p => p.Key, p => p.Template, StringComparer.Ordinal);
            var (placement, errors) = TemplatePlanner.Plan(Config, locked, "spread.lock.json");
            Assert.Empty(errors);
            Placement = placement;
            Spread = Synthesize(Config, placement, "spread");
        }

        public StackConfig Config { get; }

        public TemplatePlacement Placement { get; }

        /// <summary>Template file name to template, for the one-template synth.</summary>
        public IReadOnlyDictionary<string, JsonObject> Single { get; }

        /// <summary>Template file name to template, for the synth spread over three templates.</summary>
        public IReadOnlyDictionary<string, JsonObject> Spread { get; }

        public void Dispose() => Directory.Delete(_root, recursive: true);

        private Dictionary<string, JsonObject> Synthesize(StackConfig config, TemplatePlacement placement, string name)
        {
            var outdir = Path.Combine(_root, name);
            EdgeIamApp.Synthesize([config], outdir, placements: new Dictionary<string, TemplatePlacement> { [config.CloudFormationStackName] = placement });
            return Directory.GetFiles(outdir, "*.template.json").ToDictionary(f => Path.GetFileName(f), f => JsonNode.Parse(File.ReadAllText(f))!.AsObject(), StringComparer.Ordinal);
        }

        private static string Yaml()
        {
            var yaml = new StringBuilder("""
                account: "111111111111"
                region: us-east-1
                network:
                  vpcCidr: 10.20.0.0/16
                  wavelengthZones:
                    - zone: us-east-1-wl1-bos-wlz-1
                      subnetCidr: 10.20.10.0/24
                edgeFleets:

                """);
            for (var i = 0; i < 4; i++)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"""
                      - name: fleet{i}
                        zone: us-east-1-wl1-bos-wlz-1
                        instanceType: t3.medium
                        count: {i + 1}
                        permissions:
                          - sid: W{i}
                            actions: [s3:PutObject]
                            resources: ["arn:aws:s3:::b{i}/*"]

                    """);
            }

            yaml.Append("oidc:\n  providers:\n    - name: github\n      preset: github\n  roles:\n");
            for (var i = 0; i < 12; i++)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    - name: Gh{i}\n      provider: github\n      subjects: [\"repo:acme/app{i}:ref:refs/heads/main\"]\n");
                if (i % 2 == 0)
                {
                    yaml.Append(CultureInfo.InvariantCulture, $"      permissions:\n        - sid: P{i}\n          actions: [s3:GetObject]\n          resources: [\"arn:aws:s3:::a{i}/*\"]\n");
                }
            }

            yaml.Append("crossAccount:\n");
            for (var i = 0; i < 12; i++)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  - name: X{i}\n    trustedAccounts: [\"222222222222\"]\n    externalId: ext-{i:000000}\n    managedPolicies: [ReadOnlyAccess]\n");
            }

            yaml.Append("""
                rolesAnywhere:
                  trustAnchors:
                    - name: pca
                      acmPcaArn: arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/9b8e7d6c-5a4b-4c3d-8e2f-0a1b2c3d4e5f
                  profiles:
                    - name: p0
                      trustAnchors: [pca]
                      roles: [Ra0, Ra1, Ra2, Ra3, Ra4, Ra5, Ra6, Ra7, Ra8]
                    - name: p1
                      trustAnchors: [pca]
                      roles: [Ra8, Ra9, Ra10, Ra11]
                  roles:

                """);
            for (var i = 0; i < 12; i++)
            {
                // Three of them with a device prefix policy (its own logical-ID path), spread over the templates.
                var prefix = i % 4 == 1 ? $"      devicePrefix:\n        bucket: devices-{i}\n        access: read-write\n" : "";
                yaml.Append(CultureInfo.InvariantCulture, $"    - name: Ra{i}\n      allowedSubjects: [\"dev{i}-*\"]\n{prefix}      permissions:\n        - sid: R{i}\n          actions: [kinesis:PutRecord]\n          resources: [\"arn:aws:kinesis:us-east-1:111111111111:stream/s{i}\"]\n");
            }

            return yaml.ToString();
        }
    }

    private static IEnumerable<(string File, string LogicalId, JsonObject Resource)> Resources(IReadOnlyDictionary<string, JsonObject> templates) =>
        templates.SelectMany(t => t.Value["Resources"]!.AsObject().Select(r => (t.Key, r.Key, r.Value!.AsObject())));

    private static string? RoleName(JsonObject role) => (string?)role["Properties"]!["RoleName"];

    [Fact]
    public void The_lock_spreads_the_stack_over_the_top_level_and_two_nested_templates()
    {
        Assert.Equal([1, 2], _synths.Placement.Shards);
        Assert.Equal(3, _synths.Spread.Count);
        Assert.Single(_synths.Single);
    }

    [Fact]
    public void Every_role_keeps_its_logical_id_wherever_it_is_placed()
    {
        var single = Resources(_synths.Single).Where(r => (string?)r.Resource["Type"] == "AWS::IAM::Role").ToDictionary(r => RoleName(r.Resource)!, r => r.LogicalId);
        var spread = Resources(_synths.Spread).Where(r => (string?)r.Resource["Type"] == "AWS::IAM::Role").ToList();

        Assert.Equal(40, single.Count);
        Assert.Equal(single.Count, spread.Count);
        Assert.All(spread, r => Assert.Equal(single[RoleName(r.Resource)!], r.LogicalId));
        Assert.Contains(spread, r => r.File.EndsWith(".nested.template.json", StringComparison.Ordinal));
    }

    [Fact]
    public void A_role_in_a_shard_has_the_same_definition_with_references_to_the_top_level_passed_as_parameters()
    {
        var single = Resources(_synths.Single).ToDictionary(r => r.LogicalId, r => r.Resource);
        foreach (var (file, logicalId, resource) in Resources(_synths.Spread).Where(r => r.File.EndsWith(".nested.template.json", StringComparison.Ordinal) && (string?)r.Resource["Type"] == "AWS::IAM::Role"))
        {
            var expected = single[logicalId]["Properties"]!.ToJsonString();
            var actual = resource["Properties"]!.ToJsonString();
            var parameters = _synths.Spread[file]["Parameters"]?.AsObject().Select(p => p.Key).ToList() ?? [];

            // The only difference: a Ref to a top-level resource becomes a Ref to the nested stack's parameter for it.
            foreach (var parameter in parameters.Where(p => p.StartsWith("referenceto", StringComparison.Ordinal)))
            {
                actual = actual.Replace($"\"Ref\":\"{parameter}\"", "\"Ref\":\"<top-level>\"", StringComparison.Ordinal);
            }

            // ...and so does an attribute of one (the trust anchor's ARN).
            expected = System.Text.RegularExpressions.Regex.Replace(expected, "\\{\"Fn::GetAtt\":\\[\"[A-Za-z0-9]+\",\"[A-Za-z]+\"\\]\\}", "{\"Ref\":\"<top-level>\"}");
            foreach (var topLevel in single.Keys)
            {
                expected = expected.Replace($"\"Ref\":\"{topLevel}\"", "\"Ref\":\"<top-level>\"", StringComparison.Ordinal);
            }

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Every_inline_policy_is_named_after_its_logical_id_in_the_template_that_holds_it()
    {
        // The name is computed in .NET (CDK's makeUniqueId of the stack-relative path), not read back from node: it
        // must be the logical ID the CDK allocated, in the nested templates as in the top level.
        var policies = Resources(_synths.Single).Concat(Resources(_synths.Spread)).Where(r => (string?)r.Resource["Type"] == "AWS::IAM::Policy").ToList();

        Assert.Contains(policies, p => p.File.EndsWith(".nested.template.json", StringComparison.Ordinal));
        Assert.Contains(policies, p => p.LogicalId.StartsWith("RolesAnywhereDevicePrefix", StringComparison.Ordinal));
        Assert.All(policies, p => Assert.Equal(p.LogicalId, (string?)p.Resource["Properties"]!["PolicyName"]));
    }

    [Fact]
    public void The_planners_estimates_are_the_real_resource_and_output_counts_of_every_template()
    {
        var top = _synths.Spread["EdgeIam-spread.template.json"];
        var nested = top["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] == "AWS::CloudFormation::Stack")
            .ToDictionary(r => ((string)r.Value!["Metadata"]!["aws:cdk:path"]!).Split('/')[1].Split('.')[0], r => (string)r.Value!["Metadata"]!["aws:asset:path"]!, StringComparer.Ordinal);

        Assert.Equal(["Shard1", "Shard2"], nested.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(_synths.Placement.Estimates[0], Count(top));
        Assert.Equal(_synths.Placement.Estimates[1], Count(_synths.Spread[nested["Shard1"]]));
        Assert.Equal(_synths.Placement.Estimates[2], Count(_synths.Spread[nested["Shard2"]]));

        var (single, _) = TemplatePlanner.Plan(_synths.Config, null, "spread.lock.json");
        Assert.Equal(single.Estimates[0], Count(_synths.Single.Values.Single()));

        static TemplateCost Count(JsonObject template) => new(template["Resources"]!.AsObject().Count, template["Outputs"]?.AsObject().Count ?? 0);
    }

    [Fact]
    public void Roles_anywhere_roles_in_shards_have_no_top_level_output_and_the_profile_lists_them_through_nested_outputs()
    {
        var top = _synths.Spread["EdgeIam-spread.template.json"];
        var outputs = top["Outputs"]!.AsObject().Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var role in _synths.Config.RolesAnywhere!.Roles)
        {
            var topLevel = _synths.Placement.TemplateOf(PlacementItems.Key(PlacementItems.RolesAnywhereRoles, role.Name)) == 0;
            Assert.Equal(topLevel, outputs.Contains(Config.Naming.ConstructIds.RoleOutput(role.Name)));
        }

        var profile = Resources(_synths.Spread).First(r => (string?)r.Resource["Type"] == "AWS::RolesAnywhere::Profile");
        var arns = profile.Resource["Properties"]!["RoleArns"]!.AsArray().Select(a => a!.ToJsonString()).ToList();
        Assert.Equal(9, arns.Count);
        Assert.Contains(arns, a => a.Contains("Outputs.", StringComparison.Ordinal));
        Assert.Contains(arns, a => !a.Contains("Outputs.", StringComparison.Ordinal));
    }

    [Fact]
    public void Stack_wide_tags_reach_the_resources_of_the_shards()
    {
        var nestedRoles = Resources(_synths.Spread).Where(r => r.File.EndsWith(".nested.template.json", StringComparison.Ordinal) && (string?)r.Resource["Type"] == "AWS::IAM::Role").ToList();

        Assert.NotEmpty(nestedRoles);
        Assert.All(nestedRoles, r =>
        {
            var tags = r.Resource["Properties"]!["Tags"]!.AsArray().Select(t => (string)t!["Key"]!).ToList();
            Assert.Contains("Project", tags);
            Assert.Contains("Stack", tags);
            Assert.Contains("edgeiam:role", tags);
        });
    }
}
