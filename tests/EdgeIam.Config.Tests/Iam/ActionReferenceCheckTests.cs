using EdgeIam.Config.Iam;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Iam;

/// <summary>Actions in stack files are checked against the Service Authorization Reference at load: error, line:col, did-you-mean.</summary>
public sealed class ActionReferenceCheckTests
{
    private static string Role(string actions) => StackFiles.Minimal + $"""
        crossAccount:
          - name: Partner
            trustedAccounts: ["222222222222"]
            externalId: partner-9f2c
            permissions:
              - actions: {actions}
                resources: ["arn:aws:s3:::bucket/key"]
        """;

    [Fact]
    public void A_misspelt_action_is_an_error_at_its_item_with_the_documented_action_as_the_fix()
    {
        var error = StackFiles.SingleError(Role("[s3:GetObject, s3:PutObjcet]"));

        Assert.Equal("crossAccount[0].permissions[0].actions[1]", error.KeyPath);
        Assert.Equal((8, 33), (error.Line, error.Column)); // the item itself, not the list
        Assert.Equal("unknown action 's3:PutObjcet' in service s3; did you mean 's3:PutObject'?", error.Message);
        Assert.Equal("write 's3:PutObject'.", error.Fix);
    }

    [Fact]
    public void Every_unknown_action_is_reported_at_once()
    {
        var result = StackFiles.Load(Role("[s3:PutObjcet, s4:GetObject, \"s3:Gte*\"]"));

        Assert.Equal(
            [
                "unknown action 's3:PutObjcet' in service s3; did you mean 's3:PutObject'?",
                "unknown service prefix 's4' in 's4:GetObject'; did you mean 's3:GetObject'?",
                "'s3:Gte*' matches no action of service s3; did you mean 's3:Get*'?",
            ],
            result.Diagnostics.Where(d => d.IsError).Select(d => d.Message));
    }

    [Fact]
    public void Documented_actions_and_matching_wildcards_load()
    {
        var stack = StackFiles.Valid(Role("[s3:GetObject, \"s3:Get*\", \"iam:Get?ole\", s3:getobjecttagging]"));

        Assert.Equal(4, Assert.Single(Assert.Single(stack.CrossAccount).Access.Permissions).Actions.Count);
    }

    [Fact]
    public void A_malformed_action_is_reported_once_by_the_syntax_check_not_twice() =>
        Assert.Equal("'s3' is not an IAM action", StackFiles.SingleError(Role("[s3]")).Message);

    [Theory]
    [InlineData("s3:GetObject", null)]
    [InlineData("*", null)]
    [InlineData("s3", null)]
    [InlineData("s3:PutObjcet", "unknown action 's3:PutObjcet' in service s3; did you mean 's3:PutObject'?")]
    public void The_problem_of_one_action(string action, string? message) =>
        Assert.Equal(message, ActionReferenceCheck.Problem(action)?.Message);
}
