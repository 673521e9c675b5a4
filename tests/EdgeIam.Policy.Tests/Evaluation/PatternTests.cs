using EdgeIam.Policy.Evaluation;

namespace EdgeIam.Policy.Tests.Evaluation;

public sealed class PatternTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "anything", true)]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "abcd", false)]
    [InlineData("ab*", "ab", true)]
    [InlineData("ab*", "a", false)]
    [InlineData("*c", "abc", true)]
    [InlineData("a*b*c", "abbbc", true)]
    [InlineData("a*b*c", "acb", false)]
    [InlineData("a?c", "ac", false)]
    [InlineData("??", "ab", true)]
    [InlineData("*?", "", false)]
    [InlineData("**a", "a", true)]
    public void Wildcards(string pattern, string input, bool match) =>
        Assert.Equal(match, WildcardPattern.Compile(pattern).IsMatch(input));

    [Fact]
    public void Ignore_case_folds_both_sides()
    {
        Assert.True(WildcardPattern.Compile("S3:Get*", ignoreCase: true).IsMatch("s3:GETOBJECT"));
        Assert.False(WildcardPattern.Compile("S3:Get*").IsMatch("s3:GetObject"));
    }

    [Fact]
    public void Masked_positions_are_literal()
    {
        var pattern = WildcardPattern.FromMasked("a*b*", [false, false, false, true]);
        Assert.True(pattern.IsMatch("a*bxyz"));
        Assert.False(pattern.IsMatch("axxbyy"));
    }

    [Theory]
    [InlineData("arn:aws:s3:::*", "arn:aws:s3:::bucket/key", true)]
    [InlineData("arn:*:iam::*:role/*", "arn:aws-cn:iam::123456789012:role/x", true)]
    [InlineData("arn:aws:iam::*:role/x", "arn:aws:iam::123:extra:role/x", false)]
    [InlineData("arn:aws:iam::1?3:role/x", "arn:aws:iam::123:role/x", true)]
    [InlineData("*", "not-an-arn", true)]
    [InlineData("${Anchor.TrustAnchorArn}", "${Anchor.TrustAnchorArn}", true)]
    public void Arn_patterns_match_per_segment(string pattern, string arn, bool match) =>
        Assert.Equal(match, ArnPattern.Compile(pattern).IsMatch(arn));

    [Fact]
    public void Variables_resolve_once_and_keep_substitutions_literal()
    {
        var template = VariableTemplate.Parse("home/${aws:username, '${aws:userid}'}/*");
        Assert.True(template.TryResolve(RequestContext.Empty, out var text, out var mask));
        Assert.Equal("home/${aws:userid}/*", text);
        Assert.False(mask[5]);
        Assert.True(mask[^1]);
    }

    [Fact]
    public void Symbols_are_not_variables()
    {
        Assert.False(VariableTemplate.Parse("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${MyRole}").IsDynamic);
        Assert.True(VariableTemplate.Parse("${aws:username}").HasVariables);
    }
}
