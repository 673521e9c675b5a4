using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.IAM;
using EdgeIam.Infrastructure.Tests.Support;

namespace EdgeIam.Infrastructure.Tests.Composition;

/// <summary>Composition rules every stack follows, asserted on the shipped stacks (synthesized once).</summary>
[Collection(SynthesizedStacksCollection.Name)]
public sealed class EdgeIamStackTests(SynthesizedStacks stacks)
{
    [Fact]
    public void EveryTaggableResourceCarriesProjectAndStackTags()
    {
        foreach (var (template, stack) in new[] { (stacks.DevJson, "dev"), (stacks.ProdJson, "prod") })
        {
            foreach (var (id, resource) in template["Resources"]?.AsObject() ?? [])
            {
                if (resource!["Properties"]?["Tags"] is not JsonArray tags)
                {
                    continue;
                }

                var pairs = tags.Select(t => ((string?)t!["Key"], (string?)t["Value"])).ToList();
                Assert.Contains(("Project", "EdgeIam"), pairs);
                Assert.Contains(("Stack", stack), pairs);
                Assert.Contains(("Owner", "platform"), pairs);
                Assert.True(pairs.Count > 0, id);
            }
        }
    }

    [Fact]
    public void NoCdkMetadataResourceSoTemplatesAreIdenticalEverywhere()
    {
        Assert.Empty(SynthesizedStacks.ResourcesOf(stacks.DevJson, "AWS::CDK::Metadata"));
        Assert.Empty(SynthesizedStacks.ResourcesOf(stacks.ProdJson, "AWS::CDK::Metadata"));
    }

    [Fact]
    public void ResourcesCarryTheirConstructPathLikeTheCdkCliWrites()
    {
        // The CDK CLI enables path metadata for every app; EdgeIamApp does too, so both synth paths write the same bytes.
        foreach (var (id, resource) in stacks.DevJson["Resources"]!.AsObject())
        {
            Assert.StartsWith("EdgeIam-dev/", (string?)resource!["Metadata"]?["aws:cdk:path"] ?? "", StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(id));
        }
    }

    [Fact]
    public void NoIamUsersOrAccessKeysAnywhere()
    {
        foreach (var template in new[] { stacks.Dev, stacks.Prod })
        {
            template.ResourceCountIs("AWS::IAM::User", 0);
            template.ResourceCountIs("AWS::IAM::AccessKey", 0);
        }
    }

    [Fact]
    public void EveryProdRoleCarriesThePermissionsBoundary()
    {
        var boundary = stacks.ProdConfig.PermissionsBoundary;
        Assert.NotNull(boundary);
        foreach (var (id, role) in SynthesizedStacks.ResourcesOf(stacks.ProdJson, "AWS::IAM::Role"))
        {
            Assert.True((string?)role["Properties"]!["PermissionsBoundary"] == boundary, $"{id} lacks the permissions boundary");
        }
    }

    [Fact]
    public void EveryRoleSetsAMaxSessionDuration()
    {
        foreach (var template in new[] { stacks.DevJson, stacks.ProdJson })
        {
            foreach (var (id, role) in SynthesizedStacks.ResourcesOf(template, "AWS::IAM::Role"))
            {
                Assert.True(role["Properties"]!["MaxSessionDuration"] is not null, $"{id} has no MaxSessionDuration");
            }
        }
    }
}

/// <summary>Rules that need a stack built in the test (the aspect must reach constructs nobody wrote yet).</summary>
public sealed class StackCompositionTests
{
    private const string Boundary = "arn:aws:iam::111111111111:policy/EdgeIamBoundary";

    [Fact]
    public void AnAnnotationInTheManifestCarriesNoStackTraceSoTwoSynthsAreByteIdentical()
    {
        // CDK annotates a stack nearing 500 resources; its trace would name the jsii runtime's random temp folder.
        var config = AdHocStack.Load("account: \"111111111111\"\nregion: eu-west-2\n", "annotated");
        var outdir = Directory.CreateTempSubdirectory("edgeiam-annotated-").FullName;
        try
        {
            var app = EdgeIamApp.Create([config], outdir);
            Amazon.CDK.Annotations.Of(app.Node.FindChild(config.CloudFormationStackName)).AddInfo("Number of resources: 404 is approaching allowed maximum of 500");
            _ = app.Synth();

            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(outdir, "manifest.json")))!;
            var entries = manifest["artifacts"]!["EdgeIam-annotated"]!["metadata"]!.AsObject().SelectMany(m => m.Value!.AsArray()).ToList();
            var info = Assert.Single(entries, e => (string?)e!["type"] == "aws:cdk:info");
            Assert.Equal("Number of resources: 404 is approaching allowed maximum of 500", (string?)info!["data"]);
            Assert.All(entries, e => Assert.Null(e!["trace"]));
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }
    }

    [Fact]
    public void PermissionsBoundaryReachesRolesAddedByAnyConstruct()
    {
        var config = AdHocStack.Load($"account: \"111111111111\"\nregion: eu-west-2\nprotect: true\npermissionsBoundary: {Boundary}\n", "boundary");
        var app = EdgeIamApp.Create([config], Path.Combine(Path.GetTempPath(), "edgeiam-tests-" + Guid.NewGuid().ToString("N")));
        var stack = (EdgeIamStack)app.Node.FindChild(config.CloudFormationStackName);

        // A role written without any thought of boundaries, L2 and L1.
        _ = new Role(stack, "Forgetful", new RoleProps { AssumedBy = new ServicePrincipal("ec2.amazonaws.com") });
        _ = new CfnRole(stack, "ForgetfulL1", new CfnRoleProps
        {
            AssumeRolePolicyDocument = new PolicyDocument(new PolicyDocumentProps
            {
                Statements = [new PolicyStatement(new PolicyStatementProps { Actions = ["sts:AssumeRole"], Principals = [new ServicePrincipal("ec2.amazonaws.com")] })],
            }),
        });
        var template = Template.FromStack(stack);

        var roles = template.FindResources("AWS::IAM::Role");
        Assert.Equal(2, roles.Count);
        template.AllResourcesProperties("AWS::IAM::Role", new Dictionary<string, object> { ["PermissionsBoundary"] = Boundary });
    }

    [Fact]
    public void ABoundaryDocumentTravelsInTheTemplateMetadataWithItsArn()
    {
        const string Document = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]\n}\n";
        var template = AdHocStack.Synthesize(
            $"account: \"111111111111\"\nregion: eu-west-2\npermissionsBoundary: {Boundary}\npermissionsBoundaryDocument: boundaries/edge.json\n",
            "documented", new Dictionary<string, string> { ["boundaries/edge.json"] = Document });

        var metadata = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(template.ToJSON()))!["Metadata"]!["edgeiam:permissionsBoundary"]!;

        Assert.Equal(Boundary, (string?)metadata["arn"]);
        Assert.Equal("boundaries/edge.json", (string?)metadata["file"]);
        Assert.Equal("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""", (string?)metadata["document"]);
    }

    [Fact]
    public void WithoutADocumentTheTemplateHasNoBoundaryMetadata()
    {
        var template = AdHocStack.Synthesize($"account: \"111111111111\"\nregion: eu-west-2\npermissionsBoundary: {Boundary}\n", "plain");

        var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(template.ToJSON()))!;
        Assert.Null(json["Metadata"]?["edgeiam:permissionsBoundary"]);
    }

    [Fact]
    public void StackTakesItsEnvironmentProtectionAndTagsFromConfig()
    {
        var config = AdHocStack.Load("account: \"123456789012\"\nregion: eu-west-2\nprotect: true\ntags:\n  CostCentre: \"42\"\n", "stage");
        var app = EdgeIamApp.Create([config], Path.Combine(Path.GetTempPath(), "edgeiam-tests-" + Guid.NewGuid().ToString("N")));
        var stack = (EdgeIamStack)app.Node.FindChild("EdgeIam-stage");

        Assert.Equal("123456789012", stack.Account);
        Assert.Equal("eu-west-2", stack.Region);
        Assert.Equal("EdgeIam-stage", stack.StackName);
        Assert.True(stack.TerminationProtection);
        Assert.Equal(Amazon.CDK.RemovalPolicy.RETAIN, stack.IdentityRemovalPolicy);

        // Stack-level tags land in the cloud assembly; CloudFormation propagates them to every resource it tags.
        var tags = app.Synth().GetStackByName("EdgeIam-stage").Tags;
        Assert.Equal("42", tags["CostCentre"]);
        Assert.Equal("EdgeIam", tags["Project"]);
        Assert.Equal("stage", tags["Stack"]);
    }

    [Fact]
    public void AnUnprotectedStackDestroysIdentityResourcesWithIt()
    {
        var config = AdHocStack.Load("account: \"123456789012\"\nregion: eu-west-2\n", "scratch");
        var app = EdgeIamApp.Create([config], Path.Combine(Path.GetTempPath(), "edgeiam-tests-" + Guid.NewGuid().ToString("N")));
        var stack = (EdgeIamStack)app.Node.FindChild("EdgeIam-scratch");
        Assert.False(stack.TerminationProtection);
        Assert.Equal(Amazon.CDK.RemovalPolicy.DESTROY, stack.IdentityRemovalPolicy);
    }
}
