using System.Text.Json;
using EdgeIam.Config.Tests.Schema;
using EdgeIam.Config.Tests.Support;
using Json.Schema;

namespace EdgeIam.Config.Tests.Assertions;

/// <summary>
/// stacks/schema/edgeiam-assertions.schema.json (what an editor validates against) accepts the shipped assertions
/// files and refuses what the loader refuses in the shape of canDo/cannotDo; the loader, which knows the stack, still
/// has the last word (unknown roles, actions, profiles).
/// </summary>
public sealed class AssertionsSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFile(Path.Combine(RepositoryPaths.Stacks, "schema", "edgeiam-assertions.schema.json"), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    private static bool Valid(string yaml)
    {
        var json = YamlToJson.Convert(yaml, out var problem);
        Assert.True(problem is null, problem);
        return Schema.Value.Evaluate(JsonSerializer.SerializeToElement(json)).IsValid;
    }

    [Theory]
    [InlineData("dev.assertions.yaml")]
    [InlineData("prod.assertions.yaml")]
    public void The_shipped_assertions_files_are_valid(string file) =>
        Assert.True(Valid(File.ReadAllText(Path.Combine(RepositoryPaths.Stacks, file))), file);

    private const string Do = "assertions:\n  - id: a\n    cannotDo:\n";

    [Theory]
    [InlineData(Do + "      role: R\n      action: iam:*\n      resource: \"*\"\n", true)]
    [InlineData(Do + "      assumableBy: oidc:token.actions.githubusercontent.com\n      action: iam:PassRole\n      resource: \"*\"\n", true)]
    [InlineData(Do + "      assumableBy: { device: { trustAnchor: ca, commonName: camera-7 }, context: { k: v } }\n      session: profile:edge-device\n      action: s3:PutObject\n      resource: arn:aws:s3:::b/devices/camera-7/x\n      context: { aws:PrincipalTag/x509Subject/CN: camera-7 }\n", true)]
    [InlineData(Do + "      role: R\n      assumableBy: \"222222222222\"\n      action: iam:*\n      resource: \"*\"\n", false)]
    [InlineData(Do + "      permissionSet: EdgeOperator\n      action: iam:*\n      resource: \"*\"\n", true)]
    [InlineData(Do + "      permissionSet: EdgeOperator\n      role: R\n      action: iam:*\n      resource: \"*\"\n", false)]
    [InlineData(Do + "      permissionSet: EdgeOperator\n      assumableBy: \"222222222222\"\n      action: iam:*\n      resource: \"*\"\n", false)]
    [InlineData(Do + "      permissionSet: EdgeOperator\n      session: profile:edge-device\n      action: iam:*\n      resource: \"*\"\n", false)]
    [InlineData(Do + "      permissionSet: \"Edge Operator\"\n      action: iam:*\n      resource: \"*\"\n", false)]
    [InlineData(Do + "      action: iam:*\n      resource: \"*\"\n", false)]
    [InlineData(Do + "      role: R\n      resource: \"*\"\n", false)]
    [InlineData(Do + "      role: R\n      action: iam:*\n", false)]
    [InlineData(Do + "      role: R\n      action: iam:*\n      resource: arn:aws:s3:::b/*\n", false)]
    [InlineData(Do + "      role: R\n      action: iam:*\n      resource: bucket\n", false)]
    [InlineData(Do + "      role: R\n      session: edge-device\n      action: iam:*\n      resource: \"*\"\n", false)]
    [InlineData(Do + "      role: R\n      action: iam\n      resource: \"*\"\n", false)]
    [InlineData(Do + "      assumableBy: nobody\n      action: iam:*\n      resource: \"*\"\n", false)]
    [InlineData(Do + "      assumableBy: { principal: \"222222222222\", device: { trustAnchor: ca } }\n      action: iam:*\n      resource: \"*\"\n", false)]
    [InlineData(Do + "      assumableBy: { device: { trustAnchor: ca }, action: sts:AssumeRole }\n      action: iam:*\n      resource: \"*\"\n", false)]
    [InlineData(Do + "      role: R\n      action: iam:*\n      resource: \"*\"\n      resources: []\n", false)]
    [InlineData("assertions:\n  - id: a\n    canDo: { role: R, action: s3:GetObject, resource: \"*\" }\n    cannotDo: { role: R, action: s3:GetObject, resource: \"*\" }\n", false)]
    public void The_schema_refuses_the_shapes_the_loader_refuses(string yaml, bool valid) => Assert.Equal(valid, Valid(yaml));
}
