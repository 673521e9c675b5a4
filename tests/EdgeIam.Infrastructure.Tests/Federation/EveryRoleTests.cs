using System.Text.Json;
using EdgeIam.Infrastructure.Tests.Support;

namespace EdgeIam.Infrastructure.Tests.Federation;

/// <summary>Guards every role of both stacks carries, whichever section created it.</summary>
[Collection(SynthesizedStacksCollection.Name)]
public sealed class EveryRoleTests(SynthesizedStacks stacks)
{
    [Fact]
    public void EveryRoleHasAMaxSessionDuration()
    {
        var roles = SynthesizedStacks.ResourcesOf(stacks.DevJson, "AWS::IAM::Role").Concat(SynthesizedStacks.ResourcesOf(stacks.ProdJson, "AWS::IAM::Role")).ToList();

        Assert.NotEmpty(roles);
        Assert.All(roles, r => Assert.InRange((int)r.Value["Properties"]!["MaxSessionDuration"]!, 3600, 43200));
        Assert.Equal(7200, (int)TrustStatements.Roles(stacks.DevJson)["GitLabDeploy"]["Properties"]!["MaxSessionDuration"]!);
    }

    [Fact]
    public void ProdBoundaryLandsOnEveryRole()
    {
        var boundary = stacks.ProdConfig.PermissionsBoundary!;
        var roles = TrustStatements.Roles(stacks.ProdJson);

        Assert.Contains("GitHubDeployProd", roles.Keys);
        Assert.Contains("SecurityAuditProd", roles.Keys);
        Assert.All(roles.Values, r => Assert.Equal(boundary, (string?)r["Properties"]!["PermissionsBoundary"]));
    }

    [Fact]
    public void EveryTrustPolicyFitsTheIamQuota()
    {
        foreach (var template in new[] { stacks.DevJson, stacks.ProdJson })
        {
            Assert.All(SynthesizedStacks.ResourcesOf(template, "AWS::IAM::Role"), r =>
                Assert.True(JsonSerializer.Serialize(r.Value["Properties"]!["AssumeRolePolicyDocument"]).Length <= 2048, r.Key));
        }
    }
}
