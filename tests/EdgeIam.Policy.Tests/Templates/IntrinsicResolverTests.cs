using System.Text.Json;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Tests.Templates;

public sealed class IntrinsicResolverTests
{
    private const string Template = """
        {"Resources":{
          "Provider":{"Type":"AWS::IAM::OIDCProvider","Properties":{"Url":"https://gitlab.example.com/group"}},
          "Anchor":{"Type":"AWS::RolesAnywhere::TrustAnchor","Properties":{}}},
         "Conditions":{"IsProd":{"Fn::Equals":["dev","prod"]}},
         "Mappings":{"Ids":{"dev":{"external":"x-123"}}}}
        """;

    [Theory]
    [InlineData("""{"Ref":"AWS::AccountId"}""", "111111111111")]
    [InlineData("""{"Ref":"AWS::Region"}""", "eu-west-1")]
    [InlineData("""{"Ref":"AWS::Partition"}""", "aws")]
    [InlineData("""{"Ref":"AWS::StackName"}""", "EdgeIam-dev")]
    [InlineData("""{"Ref":"Provider"}""", "arn:aws:iam::111111111111:oidc-provider/gitlab.example.com/group")]
    [InlineData("""{"Fn::GetAtt":["Provider","Arn"]}""", "arn:aws:iam::111111111111:oidc-provider/gitlab.example.com/group")]
    [InlineData("""{"Fn::GetAtt":["Anchor","TrustAnchorArn"]}""", "${Anchor.TrustAnchorArn}")]
    [InlineData("""{"Fn::GetAtt":"Anchor.TrustAnchorArn"}""", "${Anchor.TrustAnchorArn}")]
    [InlineData("""{"Ref":"Anchor"}""", "${Anchor}")]
    [InlineData("""{"Fn::Sub":"arn:${AWS::Partition}:s3:::b/${!aws:username}/${Anchor.TrustAnchorArn}"}""", "arn:aws:s3:::b/${aws:username}/${Anchor.TrustAnchorArn}")]
    [InlineData("""{"Fn::Sub":["${A}-${B}",{"A":"x","B":{"Ref":"AWS::Region"}}]}""", "x-eu-west-1")]
    [InlineData("""{"Fn::Join":[":",["a",{"Ref":"AWS::AccountId"},"c"]]}""", "a:111111111111:c")]
    [InlineData("""{"Fn::Select":[1,["a","b"]]}""", "b")]
    [InlineData("""{"Fn::Select":[1,{"Fn::Split":[",","a,b,c"]}]}""", "b")]
    [InlineData("""{"Fn::If":["IsProd","p","d"]}""", "d")]
    [InlineData("""{"Fn::FindInMap":["Ids","dev","external"]}""", "x-123")]
    public void Resolves_to_plain_or_symbolic_values(string json, string expected) =>
        Assert.Equal(expected, Resolver(new StackEnvironment("111111111111", "eu-west-1")).ResolveString(Element(json)));

    [Fact]
    public void Unknown_account_stays_symbolic_and_partition_defaults_to_aws() =>
        Assert.Equal(
            "arn:aws:iam::${AWS::AccountId}:role/x",
            Resolver(StackEnvironment.Unknown).ResolveString(Element("""{"Fn::Sub":"arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x"}""")));

    [Fact]
    public void China_regions_use_their_partition() =>
        Assert.Equal("aws-cn", Resolver(new StackEnvironment(null, "cn-north-1")).ResolveString(Element("""{"Ref":"AWS::Partition"}""")));

    [Fact]
    public void NoValue_drops_the_property_and_the_array_item()
    {
        var node = Resolver(StackEnvironment.Unknown).Resolve(Element("""{"a":{"Ref":"AWS::NoValue"},"b":[1,{"Ref":"AWS::NoValue"},2]}"""));
        Assert.Equal("""{"b":[1,2]}""", node!.ToJsonString());
    }

    [Fact]
    public void Unknown_functions_become_readable_symbols_that_are_not_policy_variables()
    {
        var value = Resolver(StackEnvironment.Unknown).ResolveString(Element("""{"Fn::ImportValue":"shared-vpc"}"""));
        Assert.Equal("${Fn::ImportValue(shared-vpc)}", value);
        Assert.False(Policy.Evaluation.VariableTemplate.Parse(value).HasVariables);
    }

    private static IntrinsicResolver Resolver(StackEnvironment environment) =>
        new(JsonDocument.Parse(Template).RootElement, environment, "EdgeIam-dev");

    private static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement;
}
