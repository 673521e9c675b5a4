using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Rules;

/// <summary>Two misreadings found by mutation testing: colons inside a symbol, and non-ASCII "word" characters.</summary>
public sealed class CrossAccountSymbolTests
{
    [Fact]
    public void The_stacks_own_account_as_a_pseudo_parameter_is_not_another_account_when_the_account_is_unknown()
    {
        var stack = RoleTemplates.Trust(
            """{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":{"Fn::Sub":"arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}}}""",
            environment: "aws://unknown-account/us-east-1");

        var findings = PolicyCheck.CheckStack(stack).Where(f => f.Rule.Id.StartsWith("EIAM-XACCT", StringComparison.Ordinal)).ToList();

        Assert.Empty(findings);
    }

    [Fact]
    public void An_unfixed_account_from_a_parameter_is_still_another_account()
    {
        var stack = RoleTemplates.Trust(
            """{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":{"Fn::Sub":"arn:${AWS::Partition}:iam::${Partner}:root"}}}""",
            environment: "aws://unknown-account/us-east-1",
            otherResources: null);

        Assert.Contains(PolicyCheck.CheckStack(stack), f => f.Rule.Id == "EIAM-XACCT-001");
    }

    [Theory]
    [InlineData("vendor-7f3c2a9b", false)]
    [InlineData("é-vendor-7f3c2a9b", true)]
    [InlineData("vendor-٣٣٣٣٣٣", true)]
    public void External_ids_outside_STS_ascii_characters_are_flagged(string externalId, bool flagged)
    {
        var stack = RoleTemplates.Trust(
            """{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Condition":{"StringEquals":{"sts:ExternalId":"EXTERNAL"}}}""".Replace("EXTERNAL", externalId, StringComparison.Ordinal));

        Assert.Equal(flagged, PolicyCheck.CheckStack(stack).Any(f => f.Rule.Id == "EIAM-XACCT-002"));
    }
}
