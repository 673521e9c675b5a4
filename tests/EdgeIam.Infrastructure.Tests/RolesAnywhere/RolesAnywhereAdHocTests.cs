using Amazon.CDK.Assertions;
using EdgeIam.Infrastructure.Tests.Support;

namespace EdgeIam.Infrastructure.Tests.RolesAnywhere;

/// <summary>Cases the shipped stacks do not cover (each synthesizes its own small stack, so keep them few).</summary>
[Collection(SynthesizedStacksCollection.Name)]
public sealed class RolesAnywhereAdHocTests
{
    [Fact]
    public void ARoleWithoutSubjectsIsStillLockedToItsAnchors()
    {
        var template = AdHocStack.Synthesize("""
            account: "111111111111"
            region: eu-west-1
            rolesAnywhere:
              trustAnchors:
                - name: pca
                  acmPcaArn: arn:aws:acm-pca:eu-west-1:111111111111:certificate-authority/4f2d9c1e-8a7b-4c3d-9e0f-1a2b3c4d5e6f
              profiles:
                - name: any-device
                  trustAnchors: [pca]
                  roles: [AnyDeviceRole]
              roles:
                - name: AnyDeviceRole
            """);
        var roles = template.FindResources("AWS::IAM::Role");
        var json = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(roles))!.AsObject();
        var statement = json.Single().Value!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!;
        Assert.Equal(["ArnEquals"], statement["Condition"]!.AsObject().Select(c => c.Key));
        template.ResourceCountIs("AWS::RolesAnywhere::CRL", 0);
        template.HasResourceProperties("AWS::RolesAnywhere::Profile", Match.ObjectLike(new Dictionary<string, object>
        {
            ["DurationSeconds"] = 3600,
            ["ManagedPolicyArns"] = Match.Absent(),
            ["SessionPolicy"] = Match.Absent(),
            ["AttributeMappings"] = Match.Absent(),
        }));
    }

    [Fact]
    public void ManagedSessionPoliciesAreWrittenAsArns()
    {
        var template = AdHocStack.Synthesize("""
            account: "111111111111"
            region: eu-west-1
            rolesAnywhere:
              trustAnchors:
                - name: pca
                  acmPcaArn: arn:aws:acm-pca:eu-west-1:111111111111:certificate-authority/4f2d9c1e-8a7b-4c3d-9e0f-1a2b3c4d5e6f
              profiles:
                - name: line
                  trustAnchors: [pca]
                  roles: [LineRole]
                  managedPolicies: [AWSIoTDataAccess, "arn:aws:iam::aws:policy/AmazonKinesisReadOnlyAccess"]
              roles:
                - name: LineRole
                  allowedSubjects: ["plc-*"]
                  managedPolicies: [AmazonKinesisFullAccess]
            """);
        template.HasResourceProperties("AWS::RolesAnywhere::Profile", Match.ObjectLike(new Dictionary<string, object>
        {
            ["ManagedPolicyArns"] = new[] { "arn:aws:iam::aws:policy/AWSIoTDataAccess", "arn:aws:iam::aws:policy/AmazonKinesisReadOnlyAccess" },
        }));
    }
}

