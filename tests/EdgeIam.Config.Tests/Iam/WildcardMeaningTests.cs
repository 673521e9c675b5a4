using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Iam;

/// <summary>The loader asks for a justification whenever the statement is as broad as "*", however it is spelled.</summary>
public sealed class WildcardMeaningTests
{
    private static string Statement(string actions, string resources) => StackFiles.Minimal + $"""
        crossAccount:
          - name: Partner
            trustedAccounts: ["222222222222"]
            externalId: partner-9f2c
            permissions:
              - sid: Broad
                actions: {actions}
                resources: {resources}
        """;

    [Theory]
    [InlineData("[ec2:TerminateInstances]", "[\"arn:*\"]", "on Resource \"arn:*\"")]
    [InlineData("[ec2:TerminateInstances]", "[\"arn:aws:ec2:*:*:*\"]", "on Resource \"arn:aws:ec2:*:*:*\"")]
    [InlineData("[s3:PutObject]", "[\"arn:aws:s3:::*\"]", "on Resource \"arn:aws:s3:::*\"")]
    [InlineData("[\"*\"]", "[\"arn:aws:s3:::bucket/*\"]", "Action \"*\" allows every action")]
    [InlineData("[\"s3:Put*\"]", "[\"arn:*\"]", "s3:Put* allows every matching write action")]
    public void Broad_statements_need_a_justification(string actions, string resources, string named)
    {
        var error = StackFiles.SingleError(Statement(actions, resources));

        Assert.Equal("crossAccount[0].permissions[0].actions", error.KeyPath);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("justification", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[ec2:DescribeInstances]", "[\"arn:*\"]")]
    [InlineData("[s3:PutObject]", "[\"arn:aws:s3:::bucket/*\"]")]
    [InlineData("[s3:PutObject]", "[\"arn:aws:s3:::acme-*\"]")]
    public void Narrow_or_read_only_statements_do_not(string actions, string resources) =>
        Assert.Single(Assert.Single(StackFiles.Valid(Statement(actions, resources)).CrossAccount).Access.Permissions);

    [Theory]
    [InlineData("[\"s3:Put*\"]", "[\"arn:aws:s3:::bucket/*\"]", "s3:Put* allows every matching write action on the resources listed")]
    [InlineData("[\"s3:*\"]", "[\"arn:aws:s3:::acme-telemetry/*\"]", "s3:* allows every matching write action on the resources listed")]
    public void A_write_wildcard_on_named_resources_is_a_warning_that_check_repeats(string actions, string resources, string named)
    {
        var result = StackFiles.Load(Statement(actions, resources));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics, d => d.KeyPath == "crossAccount[0].permissions[0].actions");
        Assert.False(warning.IsError);
        Assert.Contains(named, warning.Message, StringComparison.Ordinal);
        Assert.Contains("EIAM-PERM-001", warning.Message, StringComparison.Ordinal);
        Assert.Contains("justification", warning.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_justified_write_wildcard_on_named_resources_has_no_warning() =>
        Assert.DoesNotContain(StackFiles.Load(Statement("[\"s3:*\"]", "[\"arn:aws:s3:::acme-telemetry/*\"]").Replace("resources: [", "justification: \"the uploader manages its own prefix end to end\"\n                resources: [", StringComparison.Ordinal)).Diagnostics,
            d => d.KeyPath == "crossAccount[0].permissions[0].actions");
}
