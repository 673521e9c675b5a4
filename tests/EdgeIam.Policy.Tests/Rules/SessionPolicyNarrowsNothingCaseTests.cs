using System.Text.Json;
using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Rules;

/// <summary>
/// EIAM-PERM-007 case list (cdk-nag style): a Roles Anywhere profile whose session policies allow everything (or
/// everything its roles are granted) and deny nothing is a warning at the profile; one that leaves out any probed
/// grant, or holds a Deny, narrows.
/// </summary>
public sealed class SessionPolicyNarrowsNothingCaseTests
{
    private const string RolesAnywhere = """{"Effect":"Allow","Action":["sts:AssumeRole","sts:SetSourceIdentity","sts:TagSession"],"Principal":{"Service":"rolesanywhere.amazonaws.com"}}""";
    private const string Telemetry = """{"Sid":"WriteTelemetry","Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::telemetry/devices/${aws:PrincipalTag/x509Subject/CN}/*"},{"Effect":"Allow","Action":"kinesis:PutRecord","Resource":"arn:aws:kinesis:us-east-1:111111111111:stream/telemetry"}""";
    private const string SessionPath = "$.Resources.P.Properties.SessionPolicy";

    private static readonly SessionPolicyNarrowsNothingRule Rule = new();

    private static StackTemplate Stack(string? sessionStatements, string? managed = null, string roleStatements = Telemetry, string? profileMetadata = null, string roleArns = """{"Fn::GetAtt":["R","Arn"]}""")
    {
        var session = sessionStatements is null ? string.Empty : ",\"SessionPolicy\":" + JsonSerializer.Serialize($$"""{"Version":"2012-10-17","Statement":[{{sessionStatements}}]}""");
        var arns = managed is null ? string.Empty : $",\"ManagedPolicyArns\":[{managed}]";
        var metadata = profileMetadata is null ? string.Empty : $",\"Metadata\":{profileMetadata}";
        return RoleTemplates.Role(RolesAnywhere, roleStatements, null, RoleTemplates.Environment,
            $$"""
            "P":{"Type":"AWS::RolesAnywhere::Profile","Properties":{"Name":"devices","RoleArns":[{{roleArns}}]{{session}}{{arns}}}{{metadata}}}
            """);
    }

    [Theory]
    [InlineData("""{"Sid":"EverythingElse","Effect":"Allow","Action":"*","Resource":"*"}""", "EverythingElse allows every action on every resource and nothing denies")]
    [InlineData("""{"Effect":"Allow","Action":"*:*","Resource":"arn:*"}""", "Statement[0] allows every action on every resource and nothing denies")]
    // Everything the role has, spelt differently: the probes decide.
    [InlineData("""{"Effect":"Allow","Action":["s3:*","kinesis:Put*"],"Resource":["arn:aws:s3:::telemetry/*","arn:aws:kinesis:us-east-1:111111111111:stream/*"]}""",
        "they allow everything R is granted (3 probed requests) and deny nothing")]
    [InlineData("""{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::telemetry/devices/${aws:PrincipalTag/x509Subject/CN}/*"},{"Effect":"Allow","Action":"kinesis:PutRecord","Resource":"*"}""",
        "they allow everything R is granted (3 probed requests) and deny nothing")]
    public void A_session_policy_that_narrows_nothing_is_a_warning_at_the_profile(string session, string problem)
    {
        var finding = Assert.Single(Rule.Check(Stack(session)));

        Assert.Equal(("EIAM-PERM-007", Severity.Warning, "P", SessionPath), (finding.Rule.Id, finding.Severity, finding.ResourceLogicalId, finding.JsonPath));
        Assert.Equal($"Profile devices's session policies (the session policy) narrow nothing: {problem}, so each session gets its role's permissions unchanged.", finding.Message);
    }

    [Fact]
    public void Managed_session_policies_that_cover_the_role_narrow_nothing()
    {
        var finding = Assert.Single(Rule.Check(Stack(null, "\"arn:aws:iam::aws:policy/AmazonS3FullAccess\",\"arn:aws:iam::aws:policy/AmazonKinesisFullAccess\"")));

        Assert.Equal("$.Resources.P.Properties.ManagedPolicyArns", finding.JsonPath);
        Assert.StartsWith("Profile devices's session policies (managed AmazonS3FullAccess, managed AmazonKinesisFullAccess) narrow nothing: they allow everything R is granted", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Leaves out a grant: a narrower prefix, a missing action, a condition the session must meet.
    [InlineData("""{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::telemetry/devices/sensor-*/*"},{"Effect":"Allow","Action":"kinesis:PutRecord","Resource":"*"}""", null)]
    [InlineData("""{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"},{"Effect":"Allow","Action":"kinesis:PutRecord","Resource":"*"}""", null)]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"198.51.100.0/24"}}}""", null)]
    // A Deny bounds the sessions, whatever the role is granted later.
    [InlineData("""{"Sid":"NoIdentityChanges","Effect":"Deny","Action":["iam:*","sts:AssumeRole"],"Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*"}""", null)]
    // Only managed policies that leave something out.
    [InlineData(null, "\"arn:aws:iam::aws:policy/AmazonKinesisFullAccess\"")]
    // A managed session policy EdgeIam cannot read may narrow anything.
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"*"}""", "\"arn:aws:iam::111111111111:policy/DeviceSession\"")]
    public void A_session_policy_that_leaves_something_out_or_denies_passes(string? session, string? managed) =>
        Assert.Empty(Rule.Check(Stack(session, managed)));

    [Fact]
    public void No_session_policy_is_not_this_rule_and_a_role_elsewhere_is_not_probed()
    {
        Assert.Empty(Rule.Check(Stack(null)));
        Assert.Empty(Rule.Check(Stack("""{"Effect":"Allow","Action":["s3:*","kinesis:*"],"Resource":"*"}""",
            roleArns: """{"Fn::GetAtt":["R","Arn"]},"arn:aws:iam::111111111111:role/Elsewhere" """)));
    }

    [Theory]
    [InlineData("EverythingElse")]
    [InlineData("AmazonKinesisFullAccess")]
    public void A_justification_in_the_profile_metadata_makes_it_accepted(string key)
    {
        var finding = Assert.Single(Rule.Check(Stack("""{"Sid":"EverythingElse","Effect":"Allow","Action":"*","Resource":"*"}""", "\"arn:aws:iam::aws:policy/AmazonKinesisFullAccess\"",
            profileMetadata: $$$"""{"edgeiam:justifications":{"{{{key}}}":"an allow-list guardrail for grants the roles may get later"}}""")));

        Assert.EndsWith("unchanged. Accepted: an allow-list guardrail for grants the roles may get later.", finding.Message, StringComparison.Ordinal);
    }
}
