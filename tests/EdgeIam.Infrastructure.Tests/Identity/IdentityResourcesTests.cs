using System.Text.Json.Nodes;
using EdgeIam.Infrastructure.Tests.Support;

namespace EdgeIam.Infrastructure.Tests.Identity;

/// <summary>The identity sections of the shipped dev stack, as synthesized.</summary>
[Collection(SynthesizedStacksCollection.Name)]
public sealed class IdentityResourcesTests(SynthesizedStacks stacks)
{
    private JsonObject Trust(string roleName) =>
        SynthesizedStacks.ResourcesOf(stacks.DevJson, "AWS::IAM::Role")
            .Single(r => (string)r.Value["Properties"]!["RoleName"]! == "EdgeIam-dev-" + roleName)
            .Value["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!.AsObject();

    [Fact]
    public void TaskRoleTrustsEcsTasksOfThisAccountOnly()
    {
        var statement = Trust("InferenceTask");
        Assert.Equal("ecs-tasks.amazonaws.com", (string)statement["Principal"]!["Service"]!);
        Assert.Equal("111111111111", (string)statement["Condition"]!["StringEquals"]!["aws:SourceAccount"]!);
        Assert.Equal("arn:aws:ecs:us-east-1:111111111111:*", (string)statement["Condition"]!["ArnLike"]!["aws:SourceArn"]!);
    }

    [Fact]
    public void PodRoleNeedsTagSessionAndPinsTheServiceAccountAndHasItsAssociation()
    {
        var statement = Trust("InferencePod");
        Assert.Equal(["sts:AssumeRole", "sts:TagSession"], statement["Action"]!.AsArray().Select(a => (string)a!));
        var tags = statement["Condition"]!["StringEquals"]!.AsObject();
        Assert.Equal("inference", (string)tags["aws:RequestTag/kubernetes-namespace"]!);
        Assert.Equal("model-server", (string)tags["aws:RequestTag/kubernetes-service-account"]!);
        Assert.Equal("edge-nyc", (string)tags["aws:RequestTag/eks-cluster-name"]!);
        var association = Assert.Single(SynthesizedStacks.ResourcesOf(stacks.DevJson, "AWS::EKS::PodIdentityAssociation")).Value["Properties"]!;
        Assert.Equal("edge-nyc", (string)association["ClusterName"]!);
        Assert.Equal("model-server", (string)association["ServiceAccount"]!);
    }

    [Fact]
    public void ServiceRoleIsLockedToItsProject()
    {
        var statement = Trust("EdgePipelineBuild");
        Assert.Equal("codebuild.amazonaws.com", (string)statement["Principal"]!["Service"]!);
        Assert.Equal("arn:aws:codebuild:us-east-1:111111111111:project/edge-pipeline-dev", (string)statement["Condition"]!["ArnLike"]!["aws:SourceArn"]!);
    }

    [Fact]
    public void SamlRoleTrustsTheProviderOfThisStackWithTheAudiencePinned()
    {
        var statement = Trust("SamlEdgeViewer");
        Assert.Equal("sts:AssumeRoleWithSAML", (string)statement["Action"]!);
        Assert.Equal("arn:aws:iam::111111111111:saml-provider/EdgeIam-dev-acme-idp", (string)statement["Principal"]!["Federated"]!);
        Assert.Equal("https://signin.aws.amazon.com/saml", (string)statement["Condition"]!["StringEquals"]!["SAML:aud"]!);
        var provider = Assert.Single(SynthesizedStacks.ResourcesOf(stacks.DevJson, "AWS::IAM::SAMLProvider")).Value["Properties"]!;
        Assert.Equal("EdgeIam-dev-acme-idp", (string)provider["Name"]!);
    }

    [Fact]
    public void PermissionSetsAndOneAssignmentPerPrincipalAndAccount()
    {
        var sets = SynthesizedStacks.ResourcesOf(stacks.DevJson, "AWS::SSO::PermissionSet").Select(r => r.Value["Properties"]!).ToList();
        Assert.Equal(["EdgeBreakGlass", "EdgeOperator"], sets.Select(s => (string)s["Name"]!).Order(StringComparer.Ordinal));
        Assert.Equal("PT4H", (string)sets.Single(s => (string)s["Name"]! == "EdgeOperator")["SessionDuration"]!);
        Assert.Equal(2, SynthesizedStacks.ResourcesOf(stacks.DevJson, "AWS::SSO::Assignment").Count());
    }
}
