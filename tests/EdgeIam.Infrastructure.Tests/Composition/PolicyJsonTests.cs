using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using EdgeIam.Infrastructure.Iam;

namespace EdgeIam.Infrastructure.Tests.Composition;

/// <summary>
/// Roles are written from plain documents instead of CDK policy objects; these prove the plain rendering is the one
/// the CDK gives the same statements under the flags EdgeIam pins, and that policy names follow CDK's logical IDs.
/// </summary>
public sealed class PolicyJsonTests
{
    [Fact]
    public void APlainDocumentRendersAsTheCdkRendersTheSameStatements()
    {
        var stack = new Stack(new App(new AppProps { Context = new Dictionary<string, object> { ["@aws-cdk/aws-iam:minimizePolicies"] = true } }), "Render");
        IamStatement[] statements =
        [
            // Duplicates, and JSON-text order: "…a b" sorts before "…a" (a space is below the closing quote).
            new("Sorted", Allow: true, ["s3:b", "s3:a", "s3:b"], ["arn:aws:s3:::a", "arn:aws:s3:::a b", "arn:aws:s3:::\"q\"", "arn:aws:s3:::a"],
                Conditions: new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:k"] = new[] { "v2", "v1" } } }),
            new("Trust", Allow: true, ["sts:AssumeRole"], [], new Dictionary<string, IReadOnlyList<string>>
            {
                ["Service"] = ["ec2.amazonaws.com"],
                ["AWS"] = ["arn:aws:iam::222222222222:root", "arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root"],
            }),
            new("Deny", Allow: false, ["s3:DeleteObject"], ["*"]),
            new("Deny", Allow: false, ["s3:DeleteObject"], ["*"]),
        ];
        var cdk = new PolicyDocument(new PolicyDocumentProps
        {
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "Sorted", Actions = ["s3:b", "s3:a", "s3:b"], Resources = ["arn:aws:s3:::a", "arn:aws:s3:::a b", "arn:aws:s3:::\"q\"", "arn:aws:s3:::a"],
                    Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:k"] = new[] { "v2", "v1" } } },
                }),
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "Trust", Actions = ["sts:AssumeRole"],
                    Principals = [new ServicePrincipal("ec2.amazonaws.com"), new ArnPrincipal("arn:aws:iam::222222222222:root"), new ArnPrincipal("arn:aws:iam::111111111111:root"), new ArnPrincipal("arn:aws:iam::222222222222:root")],
                }),
                new PolicyStatement(new PolicyStatementProps { Sid = "Deny", Effect = Effect.DENY, Actions = ["s3:DeleteObject"], Resources = ["*"] }),
                new PolicyStatement(new PolicyStatementProps { Sid = "Deny", Effect = Effect.DENY, Actions = ["s3:DeleteObject"], Resources = ["*"] }),
            ],
        });

        Assert.False(PolicyJson.NeedsCdk(statements));
        Assert.Equal(JsonSerializer.Serialize(stack.Resolve(cdk)), JsonSerializer.Serialize(PolicyJson.Render(statements)));
    }

    [Fact]
    public void StatementsTheCdkWouldMergeAreLeftToTheCdk()
    {
        Assert.True(PolicyJson.NeedsCdk([new(null, true, ["s3:GetObject"], ["arn:aws:s3:::a/*"]), new(null, true, ["s3:GetObject"], ["arn:aws:s3:::b/*"])]));
        Assert.True(PolicyJson.NeedsCdk([new("Two", true, ["s3:GetObject"], ["${Token[TOKEN.1]}", "arn:aws:s3:::b/*"])]));
    }

    [Theory]
    [InlineData("Oidc/Roles/Gh0/Permissions/Resource", "OidcRolesGh0Permissions642A876B")]
    [InlineData("CrossAccount/X0/Role/Resource", "CrossAccountX0Role2762AABB")]
    public void LogicalIdsAreCdksOwn(string path, string logicalId) =>
        Assert.Equal(logicalId, InlinePolicy.MakeUniqueId(path.Split('/')));
}
