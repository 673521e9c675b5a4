using System.Globalization;
using EdgeIam.Infrastructure.Iam;
using EdgeIam.Infrastructure.Tests.Support;

namespace EdgeIam.Infrastructure.Tests.Federation;

public sealed class TrustPolicySizeRulesTests
{
    [Fact]
    public void TrustPolicyOverTheQuotaFailsSynthNamingRoleAndSize()
    {
        var subjects = string.Join(", ", Enumerable.Range(0, 40).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"\"repo:acme/edge-service-with-a-long-name-{i:D2}:ref:refs/heads/main\"")));
        var config = AdHocStack.Load($"""
            account: "111111111111"
            region: us-east-1
            oidc:
              providers:
                - name: github
                  preset: github
              roles:
                - name: TooManySubjects
                  provider: github
                  subjects: [{subjects}]
            """);

        var error = Assert.Throws<StackInputException>(() => EdgeIamApp.Create([config], Path.Combine(Path.GetTempPath(), "edgeiam-tests-size")));

        Assert.Equal("oidc.roles[0]", error.KeyPath);
        Assert.Matches(@"role 'TooManySubjects' is about \d{4} characters, over IAM's 2048-character quota", error.Problem);
        Assert.Contains("split the subjects", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryOversizedTrustPolicyOfEveryStackIsReportedTogetherWithItsLocation()
    {
        var subjects = string.Join(", ", Enumerable.Range(0, 40).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"\"repo:acme/edge-service-with-a-long-name-{i:D2}:ref:refs/heads/main\"")));
        var yaml = $"""
            account: "111111111111"
            region: us-east-1
            oidc:
              providers:
                - name: github
                  preset: github
              roles:
                - name: TooManySubjects
                  provider: github
                  subjects: [{subjects}]
                - name: Fine
                  provider: github
                  subjects: ["repo:acme/edge:ref:refs/heads/main"]
                - name: TooManyAgain
                  provider: github
                  subjects: [{subjects}]
            """;
        var first = AdHocStack.Load(yaml, "one");
        var second = AdHocStack.Load(yaml, "two");

        var error = Assert.Throws<StackInputException>(() => EdgeIamApp.Create([first, second], null));

        Assert.Equal(
            [("one", "oidc.roles[0]"), ("one", "oidc.roles[2]"), ("two", "oidc.roles[0]"), ("two", "oidc.roles[2]")],
            error.Refusals.Select(r => (Path.GetFileNameWithoutExtension(r.File.Split(':')[0]), r.KeyPath)));
        Assert.All(error.Refusals, r => Assert.Matches(@"\.yaml:(8|14):7$", r.File));
        Assert.Equal(4, error.Message.Split(Environment.NewLine).Length);
    }

    [Fact]
    public void TheLoadersInlinePolicySizeIsExactlyWhatTheSynthesizedPolicyMeasures()
    {
        var config = AdHocStack.Load("""
            account: "111111111111"
            region: us-east-1
            crossAccount:
              - name: Partner
                trustedAccounts: ["222222222222"]
                externalId: partner-9f2c
                permissions:
                  - sid: Read
                    actions: [s3:GetObject]
                    resources: ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/\"quoted\" é/*"]
                    conditions:
                      StringEquals: { aws:RequestedRegion: [us-east-1, eu-west-1], "aws:PrincipalTag/team": edge }
                      Bool: { aws:SecureTransport: "true" }
                  - sid: NoDelete
                    effect: Deny
                    actions: [s3:DeleteObject, s3:DeleteBucket]
                    resources: ["*"]
            """);
        var app = EdgeIamApp.Create([config], Path.Combine(Path.GetTempPath(), "edgeiam-tests-inline-size"));
        var template = Amazon.CDK.Assertions.Template.FromStack((Amazon.CDK.Stack)app.Node.FindChild(config.CloudFormationStackName));
        var policies = System.Text.Json.JsonSerializer.SerializeToElement(template.FindResources("AWS::IAM::Policy"));
        var document = Assert.Single(policies.EnumerateObject()).Value.GetProperty("Properties").GetProperty("PolicyDocument");

        var measured = TrustPolicySize.Estimate(document);
        var estimated = EdgeIam.Config.Iam.PolicySize.OfInlinePolicy(config.CrossAccount[0].Access.Permissions);

        Assert.Equal(measured, estimated);
    }
}
