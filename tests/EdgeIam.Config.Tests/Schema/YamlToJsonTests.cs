namespace EdgeIam.Config.Tests.Schema;

/// <summary>The converter types scalars as YAML 1.2's core schema does, which is what editors validate.</summary>
public sealed class YamlToJsonTests
{
    [Theory]
    [InlineData("123", "123")]
    [InlineData("011111111111", "11111111111")]
    [InlineData("+2", "2")]
    [InlineData("-7", "-7")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("2.5", "2.5")]
    [InlineData("1e3", "1000")]
    [InlineData("true", "true")]
    [InlineData("False", "false")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("", "null")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("\"123\"", "\"123\"")]
    [InlineData("'true'", "\"true\"")]
    [InlineData("!!str 123", "\"123\"")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData("0x", "\"0x\"")]
    [InlineData("12:30", "\"12:30\"")]
    [InlineData("5000-5010", "\"5000-5010\"")]
    public void PlainScalarsAreTypedByTheCoreSchema(string yaml, string json)
    {
        var node = YamlToJson.Convert("v: " + yaml + "\n", out var problem);
        Assert.Null(problem);
        Assert.Equal("{\"v\":" + json + "}", node!.ToJsonString());
    }

    [Fact]
    public void KeysAreStringsAndANullKeyIsEmpty()
    {
        var node = YamlToJson.Convert("123: a\ntrue: b\n~: c\n", out _);
        Assert.Equal("{\"123\":\"a\",\"true\":\"b\",\"\":\"c\"}", node!.ToJsonString());
    }

    [Theory]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("a: [1\n")]
    public void WhatIsNotOneValidDocumentHasNoJson(string yaml)
    {
        Assert.Null(YamlToJson.Convert(yaml, out var problem));
        Assert.NotNull(problem);
    }
}
