using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Stack;

/// <summary>Validation rules of the top-level keys; each test asserts the message a user sees.</summary>
public sealed class TopLevelRulesTests
{
    [Fact]
    public void MinimalStackLoadsWithDefaults()
    {
        var stack = StackFiles.Valid(StackFiles.Minimal);
        Assert.Equal("dev", stack.Name);
        Assert.Equal("111111111111", stack.Account);
        Assert.Equal("us-east-1", stack.Region);
        Assert.Equal("aws", stack.Partition);
        Assert.False(stack.Protect);
        Assert.Empty(stack.Tags);
        Assert.Null(stack.PermissionsBoundary);
        Assert.Equal("EdgeIam-dev", stack.CloudFormationStackName);
    }

    [Fact]
    public void AccountMustBeTwelveDigits()
    {
        var error = StackFiles.SingleError("account: \"12345\"\nregion: us-east-1\n");
        Assert.Equal("account", error.KeyPath);
        Assert.Equal(1, error.Line);
        Assert.Equal(10, error.Column);
        Assert.Contains("'12345' is not a 12-digit AWS account ID", error.Message, StringComparison.Ordinal);
        Assert.Contains("12 digits in quotes", error.Fix, StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine("stacks", "dev.yaml") + ":1:10: error: account:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnquotedAccountKeepsItsDigits()
    {
        var stack = StackFiles.Valid("account: 011111111111\nregion: us-east-1\n");
        Assert.Equal("011111111111", stack.Account);
    }

    [Fact]
    public void AccountIsRequired()
    {
        var error = StackFiles.SingleError("region: us-east-1\n");
        Assert.Equal("account", error.KeyPath);
        Assert.Equal("is required but missing", error.Message);
    }

    [Fact]
    public void RegionMustBeARealAwsRegion()
    {
        var error = StackFiles.SingleError("account: \"111111111111\"\nregion: us-east-7\n");
        Assert.Equal("region", error.KeyPath);
        Assert.Equal(2, error.Line);
        Assert.Contains("'us-east-7' is not an AWS region", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean us-east-1?", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryErrorOfAFileIsReportedTogether()
    {
        var result = StackFiles.Load("account: x\nregion: mars-1\nprotect: maybe\nacount: 1\n");
        var errors = result.Diagnostics.Where(d => d.IsError).Select(d => d.KeyPath).ToList();
        Assert.Equal(["account", "region", "protect", "acount"], errors);
        Assert.Empty(result.Stacks);
    }

    [Fact]
    public void UnknownKeysAreRejectedWithTheNearestKnownKey()
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + "protcet: true\n");
        Assert.Equal("protcet", error.KeyPath);
        Assert.Equal("unknown key 'protcet'", error.Message);
        Assert.StartsWith("did you mean `protect`?", error.Fix, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void UnknownKeyFarFromAnyKnownKeyListsTheKnownKeys()
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + "flavour: vanilla\n");
        Assert.StartsWith("remove it; known keys here: account, region", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void ProtectMustBeABoolean()
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + "protect: yes please\n");
        Assert.Equal("protect", error.KeyPath);
        Assert.Equal("'yes please' is not a boolean", error.Message);
    }

    [Fact]
    public void TagsAreSortedAndKept()
    {
        var stack = StackFiles.Valid(StackFiles.Minimal + "tags:\n  Owner: platform\n  CostCentre: \"4711\"\n");
        Assert.Equal(["CostCentre", "Owner"], stack.Tags.Select(t => t.Key));
        Assert.Equal("4711", stack.Tags[0].Value);
    }

    [Theory]
    [InlineData("Project", "tag 'Project' is reserved: EdgeIam sets it itself")]
    [InlineData("Stack", "tag 'Stack' is reserved: EdgeIam sets it itself")]
    [InlineData("aws:owner", "the aws: prefix is reserved for AWS")]
    [InlineData("\"bad#key\"", "'bad#key' is not a valid tag key")]
    public void TagKeysFollowAwsTagRules(string key, string message)
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + $"tags:\n  {key}: x\n");
        Assert.StartsWith("tags.", error.KeyPath, StringComparison.Ordinal);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("edgeiam:justification/PublishMetrics")]
    [InlineData("edgeiam:role")]
    [InlineData("EdgeIam:Role")]
    [InlineData("EDGEIAM:justifications")]
    [InlineData("edgeiam:owner")]
    [InlineData("edgeiam:")]
    public void TagKeysInTheEdgeIamNamespaceAreReservedInAnyCase(string key)
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + $"tags:\n  Owner: x\n  \"{key}\": because\n");
        Assert.Equal("tags." + key, error.KeyPath);
        Assert.Equal((5, 3), (error.Line, error.Column));
        Assert.Equal($"tag '{key}' is in the edgeiam: namespace (any case), which is reserved for the tags EdgeIam sets and the policy engine reads", error.Message);
    }

    [Theory]
    [InlineData("edgeiam")]
    [InlineData("edgeiam-owner")]
    [InlineData("team:edgeiam:owner")]
    [InlineData("edge:iam")]
    public void TagKeysOutsideTheNamespaceAreTheUsers(string key)
    {
        var stack = StackFiles.Valid(StackFiles.Minimal + $"tags:\n  \"{key}\": x\n");
        Assert.Equal(key, Assert.Single(stack.Tags).Key);
    }

    [Fact]
    public void TagValuesAreAtMost256Characters()
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + $"tags:\n  Owner: {new string('a', 257)}\n");
        Assert.Equal("tags.Owner", error.KeyPath);
        Assert.Equal("the tag value is 257 characters, over AWS's 256", error.Message);
    }

    [Fact]
    public void PermissionsBoundaryIsAManagedPolicyArn()
    {
        var stack = StackFiles.Valid(StackFiles.Minimal + "permissionsBoundary: arn:aws:iam::111111111111:policy/Edge/Boundary\n");
        Assert.Equal("arn:aws:iam::111111111111:policy/Edge/Boundary", stack.PermissionsBoundary);

        var error = StackFiles.SingleError(StackFiles.Minimal + "permissionsBoundary: EdgeBoundary\n");
        Assert.Equal("permissionsBoundary", error.KeyPath);
        Assert.Equal("'EdgeBoundary' is not an IAM managed-policy ARN", error.Message);
    }

    [Fact]
    public void PermissionsBoundaryMustLiveInTheStacksAccount()
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + "permissionsBoundary: arn:aws:iam::222222222222:policy/Boundary\n");
        Assert.Equal("policy belongs to account 222222222222, but the stack deploys to 111111111111", error.Message);
    }

    [Fact]
    public void PermissionsBoundaryPartitionMatchesTheRegion()
    {
        var error = StackFiles.SingleError("account: \"111111111111\"\nregion: cn-north-1\npermissionsBoundary: arn:aws:iam::aws:policy/ReadOnlyAccess\n");
        Assert.Equal("ARN partition 'aws' does not match region cn-north-1", error.Message);
    }

    [Fact]
    public void YamlSyntaxErrorsNameTheLine()
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + "broken: [unclosed\n");
        Assert.StartsWith("YAML syntax error", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 3, error.ToString());
    }

    [Fact]
    public void DuplicateKeysAreAnError()
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + "region: eu-west-1\n");
        Assert.Contains("YAML syntax error", error.Message, StringComparison.Ordinal);
        Assert.Contains("region", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyFileIsAnError()
    {
        var error = StackFiles.SingleError("");
        Assert.Equal("the file is empty", error.Message);
    }

    [Fact]
    public void TheTopLevelMustBeAMapping()
    {
        var error = StackFiles.SingleError("- account\n");
        Assert.StartsWith("expected a mapping of keys (account, region", error.Message, StringComparison.Ordinal);
    }
}
