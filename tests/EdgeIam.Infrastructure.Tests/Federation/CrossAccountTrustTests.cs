using System.Text.Json.Nodes;
using EdgeIam.Infrastructure.Tests.Support;

namespace EdgeIam.Infrastructure.Tests.Federation;

[Collection(SynthesizedStacksCollection.Name)]
public sealed class CrossAccountTrustTests(SynthesizedStacks stacks)
{
    [Fact]
    public void CrossAccountTrustRequiresExternalId()
    {
        var statements = CrossAccountStatements().ToList();

        Assert.Equal(3, statements.Count);
        Assert.All(statements, s => Assert.Single(TrustStatements.Condition(s, "StringEquals", "sts:ExternalId")));
        var audit = Assert.Single(TrustStatements.Of(TrustStatements.Roles(stacks.DevJson)["SecurityAudit"]));
        Assert.Equal(["edge-audit-7f3c2a"], TrustStatements.Condition(audit, "StringEquals", "sts:ExternalId"));
        Assert.Equal(["arn:aws:iam::222222222222:root"], TrustStatements.Strings(audit["Principal"]!["AWS"]));
    }

    [Fact]
    public void CrossAccountTrustAllowsOnlyAssumeRoleAndOptInSessionActions()
    {
        var roles = TrustStatements.Roles(stacks.DevJson);

        Assert.Equal(["sts:AssumeRole"], TrustStatements.Actions(Assert.Single(TrustStatements.Of(roles["SecurityAudit"]))));
        Assert.Equal(["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"],
            TrustStatements.Actions(Assert.Single(TrustStatements.Of(roles["OpsBreakGlassDev"]))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CrossAccountTrustCanRequireMfaAndOrganization()
    {
        var breakGlass = Assert.Single(TrustStatements.Of(TrustStatements.Roles(stacks.DevJson)["OpsBreakGlassDev"]));

        Assert.Equal(["arn:aws:iam::333333333333:role/OpsOnCall"], TrustStatements.Strings(breakGlass["Principal"]!["AWS"]));
        Assert.Equal(["true"], TrustStatements.Condition(breakGlass, "Bool", "aws:MultiFactorAuthPresent"));
        Assert.Equal(["o-a1b2c3d4e5"], TrustStatements.Condition(breakGlass, "StringEquals", "aws:PrincipalOrgID"));

        var audit = Assert.Single(TrustStatements.Of(TrustStatements.Roles(stacks.DevJson)["SecurityAudit"]));
        Assert.Null(audit["Condition"]!["Bool"]);
        Assert.Empty(TrustStatements.Condition(audit, "StringEquals", "aws:PrincipalOrgID"));
    }

    [Fact]
    public void NoRoleTrustsItsOwnAccountThroughCrossAccount()
    {
        Assert.All(CrossAccountStatements(), s =>
            Assert.DoesNotContain(TrustStatements.Strings(s["Principal"]!["AWS"]), arn => arn.Contains(":111111111111:", StringComparison.Ordinal)));
    }

    private IEnumerable<JsonObject> CrossAccountStatements() =>
        TrustStatements.All(stacks.DevJson).Concat(TrustStatements.All(stacks.ProdJson)).Where(TrustStatements.IsCrossAccount);
}
