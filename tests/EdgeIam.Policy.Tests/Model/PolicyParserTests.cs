using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Tests.Model;

public sealed class PolicyParserTests
{
    [Fact]
    public void Parses_every_element()
    {
        var doc = PolicyParser.Parse("""
            {"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"A","Effect":"Deny","NotPrincipal":{"AWS":["111111111111","arn:aws:iam::111111111111:role/R"],"Service":"ec2.amazonaws.com"},
              "NotAction":"s3:*","NotResource":["arn:aws:s3:::a/*"],"Condition":{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["a*",1,true]}}}]}
            """);

        var s = Assert.Single(doc.Statements);
        Assert.Equal((Effect.Deny, "A"), (s.Effect, s.Sid));
        Assert.Equal(3, s.NotPrincipal!.Entries.Count);
        Assert.Equal("$.Statement[0].NotPrincipal.AWS[1]", s.NotPrincipal.Entries[1].JsonPath);
        var c = Assert.Single(s.Conditions);
        Assert.Equal((ConditionSetOperator.ForAnyValue, ConditionOperatorKind.StringLike, true), (c.Operator.SetOperator, c.Operator.Kind, c.Operator.IfExists));
        Assert.Equal(["a*", "1", "true"], c.Values);
        Assert.Equal("$.Statement[0].Condition['ForAnyValue:StringLikeIfExists']['aws:TagKeys']", c.JsonPath);
    }

    [Fact]
    public void Duplicate_condition_operators_are_an_error_not_last_wins()
    {
        var ex = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse("""
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
             "Condition":{"StringEquals":{"aws:username":"a"},"StringEquals":{"aws:PrincipalTag/team":"b"}}}}
            """));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("$.Statement.Condition.StringEquals", error.JsonPath);
        Assert.Contains("silently dropped", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Statement":[{"Effect":"Permit","Action":"s3:GetObject"}]}""", "$.Statement[0].Effect")]
    [InlineData("""{"Statement":[{"Effect":"Allow"}]}""", "$.Statement[0]")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:PutObject"}]}""", "$.Statement[0]")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"GetObject"}]}""", "$.Statement[0].Action[0]")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Condition":{"StringEqualz":{"a:b":"c"}}}]}""", "$.Statement[0].Condition.StringEqualz")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Condition":{"NumericLessThan":{"s3:max-keys":"ten"}}}]}""", "$.Statement[0].Condition.NumericLessThan['s3:max-keys']")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/33"}}}]}""", "$.Statement[0].Condition.IpAddress['aws:SourceIp']")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Condition":{"NullIfExists":{"a:b":"true"}}}]}""", "$.Statement[0].Condition.NullIfExists")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Principal":{"Human":"me"}}]}""", "$.Statement[0].Principal.Human")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Principal":"everyone"}]}""", "$.Statement[0].Principal")]
    [InlineData("""{"Version":"2020-01-01","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}""", "$.Version")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Extra":1}]}""", "$.Statement[0].Extra")]
    [InlineData("""{"Statement":[]}""", "$.Statement")]
    [InlineData("""[]""", "$")]
    public void Errors_carry_the_json_path(string json, string path)
    {
        var ex = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse(json));
        Assert.Contains(ex.Errors, e => e.JsonPath == path);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var ex = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse("""{"Statement":[{"Effect":"Permit","Action":"x"},{"Effect":"Allow"}]}"""));
        Assert.Equal(3, ex.Errors.Count);
    }

    [Fact]
    public void Malformed_json_is_a_parse_error() =>
        Assert.Throws<PolicyParseException>(() => PolicyParser.Parse("""{"Statement": """));

    [Theory]
    [InlineData("StringEquals", ConditionSetOperator.None, ConditionOperatorKind.StringEquals, false)]
    [InlineData("ForAllValues:ArnLikeIfExists", ConditionSetOperator.ForAllValues, ConditionOperatorKind.ArnLike, true)]
    [InlineData("forAnyValue:numericlessthan", ConditionSetOperator.ForAnyValue, ConditionOperatorKind.NumericLessThan, false)]
    public void Operators_parse(string name, ConditionSetOperator set, ConditionOperatorKind kind, bool ifExists)
    {
        Assert.True(ConditionOperator.TryParse(name, out var op));
        Assert.Equal((set, kind, ifExists), (op.SetOperator, op.Kind, op.IfExists));
    }

    [Theory]
    [InlineData("StringEquals,Bool")]
    [InlineData("5")]
    [InlineData("ForAllValues:Null")]
    [InlineData("")]
    public void Bad_operators_do_not_parse(string name) => Assert.False(ConditionOperator.TryParse(name, out _));
}
