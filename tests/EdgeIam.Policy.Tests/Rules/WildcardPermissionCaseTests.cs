using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Rules;

/// <summary>
/// EIAM-PERM-001 case list (cdk-nag style): each permission statement is either flagged with the stated problem or
/// passes, and the justifications that excuse it (a Sid entry, a Sid tag, a cdk-nag suppression with a reason)
/// never excuse full admin unless by Sid.
/// </summary>
public sealed class WildcardPermissionCaseTests
{
    private const string Path0 = "$.Resources.R.Properties.Policies[0].PolicyDocument.Statement[0]";
    private const string NagSuppression = """{"cdk_nag":{"rules_to_suppress":[{"id":"AwsSolutions-IAM5","reason":"bucket objects are created at run time"}]}}""";

    [Theory]
    // Write actions on every resource: "*" is named as such; other open spellings say they leave the resource open.
    [InlineData("""{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}""", "s3:PutObject on Resource \"*\"")]
    [InlineData("""{"Effect":"Allow","Action":"sts:GetFederationToken","Resource":"*"}""", "sts:GetFederationToken on Resource \"*\"")]
    [InlineData("""{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:DeleteObject"],"Resource":"*"}""", "s3:PutObject, s3:DeleteObject on Resource \"*\"")]
    [InlineData("""{"Effect":"Allow","Action":"s3:PutObject","Resource":["arn:aws:s3:::b/*","*"]}""", "s3:PutObject on Resource \"*\"")]
    [InlineData("""{"Effect":"Allow","Action":"s3:PutObject","Resource":["arn:aws:s3:::b/*","arn:aws:s3:::*"]}""", "s3:PutObject on Resource \"arn:aws:s3:::*\", which leaves the resource open")]
    [InlineData("""{"Effect":"Allow","Action":"s3:PutObject","NotResource":"arn:aws:s3:::secret/*"}""", "s3:PutObject on every resource but the NotResource list")]
    // Every action, however spelled, and NotAction.
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/*"}""", "Action \"*\" allows every action")]
    [InlineData("""{"Effect":"Allow","Action":["s3:GetObject","*:*"],"Resource":"arn:aws:s3:::b/*"}""", "Action \"*:*\" allows every action")]
    [InlineData("""{"Effect":"Allow","NotAction":"iam:*","Resource":"arn:aws:s3:::b/*"}""", "NotAction allows every other action")]
    [InlineData("""{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}""", "NotAction allows every other action")]
    [InlineData("""{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::secret/*"}""", "Action \"*\" allows every action")]
    // Write-capable action wildcards, even on one resource.
    [InlineData("""{"Effect":"Allow","Action":["s3:GetObject","s3:Put*"],"Resource":"arn:aws:s3:::b/*"}""", "s3:Put* allows every matching write action")]
    [InlineData("""{"Effect":"Allow","Action":["s3:*","dynamodb:*"],"Resource":"arn:aws:s3:::b/*"}""", "s3:*, dynamodb:* allows every matching write action")]
    public void Unjustified_broad_statement_is_flagged(string statement, string problem)
    {
        var finding = Assert.Single(new WildcardPermissionRule().Check(RoleTemplates.Permissions(statement)));

        Assert.Equal(("EIAM-PERM-001", "R", Path0), (finding.Rule.Id, finding.ResourceLogicalId, finding.JsonPath));
        Assert.EndsWith($"p Statement[0]: {problem} without a justification (the statement has no Sid to justify).", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","Action":["ec2:Describe*","s3:List*"],"Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::secret/*"}""")]
    [InlineData("""{"Effect":"Allow","Action":["s3:PutObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::b/*"}""")]
    [InlineData("""{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::logs-*"}""")]
    [InlineData("""{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::${aws:username}*"}""")]
    // Deny statements only take permissions away.
    [InlineData("""{"Effect":"Deny","Action":"*","Resource":"*"}""")]
    [InlineData("""{"Effect":"Deny","NotAction":"s3:GetObject","NotResource":"arn:aws:s3:::b/*"}""")]
    public void Narrow_read_only_or_deny_statement_passes(string statement) =>
        Assert.Empty(new WildcardPermissionRule().Check(RoleTemplates.Permissions(statement)));

    [Theory]
    // A cdk-nag suppression with a reason excuses scoped wildcards...
    [InlineData("""{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}""", false)]
    [InlineData("""{"Effect":"Allow","Action":"s3:Put*","Resource":"arn:aws:s3:::b/*"}""", false)]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/*"}""", false)]
    [InlineData("""{"Effect":"Allow","NotAction":"iam:*","Resource":"arn:aws:s3:::b/*"}""", false)]
    [InlineData("""{"Effect":"Allow","Action":"s3:PutObject","NotResource":"arn:aws:s3:::secret/*"}""", false)]
    // ...but never full admin: every action (or NotAction) on every resource (or NotResource).
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"*:*","Resource":"arn:*"}""", true)]
    [InlineData("""{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::secret/*"}""", true)]
    [InlineData("""{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::secret/*"}""", true)]
    public void A_cdk_nag_suppression_excuses_everything_but_full_admin(string statement, bool flagged)
    {
        var findings = new WildcardPermissionRule().Check(RoleTemplates.Permissions(statement, NagSuppression)).ToList();

        Assert.Equal(flagged ? [Path0] : [], findings.Select(f => f.JsonPath));
    }

    [Theory]
    [InlineData("""{"cdk_nag":{"rules_to_suppress":[{"id":"AwsSolutions-IAM5","reason":"  "}]}}""")]
    [InlineData("""{"cdk_nag":{"rules_to_suppress":[{"id":"AwsSolutions-IAM4","reason":"managed policies"}]}}""")]
    [InlineData("""{"edgeiam:justifications":{"Other":"justifies another statement"}}""")]
    [InlineData("""{"edgeiam:justifications":{"Writes":""}}""")]
    public void A_suppression_without_a_reason_or_for_another_rule_or_statement_excuses_nothing(string metadata)
    {
        var finding = Assert.Single(new WildcardPermissionRule().Check(
            RoleTemplates.Permissions("""{"Sid":"Writes","Effect":"Allow","Action":"s3:PutObject","Resource":"*"}""", metadata)));

        Assert.EndsWith("p Writes: s3:PutObject on Resource \"*\" without a justification.", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Sid":"Admin","Effect":"Allow","Action":"*","Resource":"*"}""")]
    [InlineData("""{"Sid":"Admin","Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::secret/*"}""")]
    [InlineData("""{"Sid":"Admin","Effect":"Allow","Action":"s3:PutObject","Resource":"*"}""")]
    public void A_justification_keyed_by_the_statement_Sid_excuses_even_full_admin(string statement)
    {
        Assert.Empty(new WildcardPermissionRule().Check(RoleTemplates.Permissions(statement, """{"edgeiam:justifications":{"Admin":"break-glass role"}}""")));
        Assert.Empty(new WildcardPermissionRule().Check(RoleTemplates.Permissions(statement, null, """ "Tags":[{"Key":"edgeiam:justification/Admin","Value":"break-glass role"}]""")));
    }

    [Fact]
    public void Each_unjustified_statement_is_flagged_at_its_own_path()
    {
        var stack = RoleTemplates.Permissions(
            """
            {"Effect":"Allow","Action":"s3:PutObject","Resource":"*"},
            {"Sid":"Ok","Effect":"Allow","Action":"s3:PutObject","Resource":"*"},
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
            {"Effect":"Allow","Action":"*","Resource":"*"}
            """,
            """{"edgeiam:justifications":{"Ok":"objects named at run time"}}""");

        Assert.Equal(
            ["$.Resources.R.Properties.Policies[0].PolicyDocument.Statement[0]", "$.Resources.R.Properties.Policies[0].PolicyDocument.Statement[3]"],
            new WildcardPermissionRule().Check(stack).Select(f => f.JsonPath));
    }
}
