using CsCheck;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Tests.Evaluation;

/// <summary>The service index of long Action lists answers exactly as matching every pattern in turn would.</summary>
public sealed class ActionMatcherIndexTests
{
    private static readonly Gen<string> GenPattern = Gen.OneOf(
        "s3:GetObject", "s3:Get*", "S3:put*", "s3:*", "iam:PassRole", "iam:*", "*", "s?:GetObject", "*:GetObject", "s3*",
        "ec2:Describe*", "kms:Decrypt", "sts:AssumeRole", "iot:*Shadow", "iot:Publish", "ssm:GetParameter?", "a:b:c");

    private static readonly Gen<string> GenAction = Gen.OneOf(
        "s3:getobject", "s3:putobject", "sq:getobject", "iam:passrole", "ec2:describeinstances", "kms:decrypt", "iot:getthingshadow",
        "iot:publish", "ssm:getparameters", "ssm:getparameter", "s3getobject", "a:b:c", "x:y", ":getobject");

    [Fact]
    public void Indexed_lists_match_exactly_like_a_linear_scan() =>
        Gen.Select(GenPattern.Array[0, 24], GenAction).Sample((patterns, action) =>
        {
            var matcher = new ActionMatcher(new ValueList(patterns, "$.Action"));
            var linear = patterns.Any(p => WildcardPattern.Compile(p.ToLowerInvariant()).IsMatch(action));
            Assert.Equal(linear, matcher.MatchesAny(action));
        }, seed: "0N0XIzNsQ0O2", iter: 5000, threads: 1);

    [Fact]
    public void A_long_list_still_matches_other_services_wildcards()
    {
        var patterns = Enumerable.Range(0, 20).Select(i => $"svc{i}:Get*").Append("*:Describe*").Append("s3:PutObject").ToArray();
        var matcher = new ActionMatcher(new ValueList(patterns, "$.Action"));

        Assert.True(matcher.MatchesAny("ec2:describeinstances"));
        Assert.True(matcher.MatchesAny("svc7:getthing"));
        Assert.True(matcher.MatchesAny("s3:putobject"));
        Assert.False(matcher.MatchesAny("s3:getobject"));
        Assert.False(matcher.MatchesAny("svc7getthing"));
    }
}
