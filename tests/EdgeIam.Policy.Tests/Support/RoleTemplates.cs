using System.Text;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Tests.Support;

/// <summary>
/// Small one-role templates for rule case lists: a role <c>R</c> in account 111111111111 with the given trust
/// statements, permission statements (inline policy <c>p</c>) and Metadata, written as JSON text.
/// </summary>
internal static class RoleTemplates
{
    public const string Account = "111111111111";
    public const string Environment = "aws://111111111111/us-east-1";

    private const string Ec2Trust = """{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ec2.amazonaws.com"}}""";

    /// <summary>A role whose trust policy holds <paramref name="statements"/> (JSON objects, comma-separated).</summary>
    public static StackTemplate Trust(string statements, string? metadata = null, string? environment = Environment, string? otherResources = null) =>
        Role(statements, null, metadata, environment, otherResources);

    /// <summary>An EC2 role whose inline policy <c>p</c> holds <paramref name="statements"/>.</summary>
    public static StackTemplate Permissions(string statements, string? metadata = null, string? properties = null) =>
        Role(Ec2Trust, statements, metadata, Environment, null, properties);

    /// <summary>An EC2 role with no inline policy and the given extra Properties (e.g. <c>"ManagedPolicyArns": [...]</c>).</summary>
    public static StackTemplate WithProperties(string properties, string? metadata = null) =>
        Role(Ec2Trust, null, metadata, Environment, null, properties);

    public static StackTemplate Role(
        string trustStatements, string? permissionStatements, string? metadata, string? environment = Environment, string? otherResources = null, string? properties = null)
    {
        var policies = permissionStatements is null
            ? string.Empty
            : $$$""","Policies":[{"PolicyName":"p","PolicyDocument":{"Version":"2012-10-17","Statement":[{{{permissionStatements}}}]}}]""";
        var extra = properties is null ? string.Empty : "," + properties;
        var meta = metadata is null ? string.Empty : $",\"Metadata\":{metadata}";
        var others = otherResources is null ? string.Empty : "," + otherResources;
        var json = $$$"""
            {"Resources":{"R":{"Type":"AWS::IAM::Role","Properties":{
              "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{{{trustStatements}}}]}{{{policies}}}{{{extra}}}}{{{meta}}}}{{{others}}}}}
            """;
        return Read(json, environment);
    }

    public static StackTemplate Read(string json, string? environment = Environment) =>
        TemplateReader.Read(Encoding.UTF8.GetBytes(json), "t.json", "fixture", "EdgeIam-fixture", StackEnvironment.Parse(environment));
}
