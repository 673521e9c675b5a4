using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Identity;

public sealed class ServiceRoleRulesTests
{
    private static string Yaml(string body) => StackFiles.Minimal + "serviceRoles:\n  - name: Build\n" + body;

    [Theory]
    [InlineData("serviceRoles: []\n", null)]
    [InlineData("serviceRoles:\n", "serviceRoles")]
    [InlineData("serviceRoles: codebuild\n", "serviceRoles")]
    [InlineData("serviceRoles: [{}]\n", "serviceRoles[0].name")]
    public void EmptyNullAndWrongTypes(string section, string? errorPath)
    {
        var result = StackFiles.Load(StackFiles.Minimal + section);
        if (errorPath is null)
        {
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            return;
        }

        Assert.Contains(result.Diagnostics, d => d.IsError && d.KeyPath == errorPath);
    }

    [Fact]
    public void KnownServiceIsLockedToItsSources()
    {
        var stack = StackFiles.Valid(Yaml("    service: codebuild.amazonaws.com\n    sourceArns: [\"arn:aws:codebuild:us-east-1:111111111111:project/edge-*\"]\n"));
        var role = Assert.Single(stack.ServiceRoles);
        Assert.Equal("codebuild.amazonaws.com", role.Service);
        Assert.Null(role.WithoutSourceKeys);
    }

    [Theory]
    [InlineData("    service: codebuild.amazonaws.com\n", "serviceRoles[0].sourceArns", "required")]
    [InlineData("    service: lambda.amazonaws.com\n", "serviceRoles[0].sourceArns", "required")]
    [InlineData("    service: ec2.amazonaws.com\n", "serviceRoles[0].service", "edgeFleets")]
    [InlineData("    service: pods.eks.amazonaws.com\n", "serviceRoles[0].service", "podRoles")]
    [InlineData("    service: codebuild\n", "serviceRoles[0].service", "service principal")]
    [InlineData("    service: codebuild.amazonaws.com\n    sourceArns: [\"arn:aws:codebuild:us-east-1:222222222222:project/x\"]\n", "serviceRoles[0].sourceArns[0]", "222222222222")]
    [InlineData("    service: codebuild.amazonaws.com\n    sourceArns: [\"arn:aws:lambda:us-east-1:111111111111:function:x\"]\n", "serviceRoles[0].sourceArns[0]", "not a codebuild resource")]
    [InlineData("    service: codebuild.amazonaws.com\n    sourceArns: []\n", "serviceRoles[0].sourceArns", "empty")]
    [InlineData("    service: codebuild.amazonaws.com\n    withoutSourceKeys: CodeBuild is special here.\n", "serviceRoles[0].withoutSourceKeys", "can be locked")]
    [InlineData("    service: lambda.amazonaws.com\n    withoutSourceKeys: short\n", "serviceRoles[0].withoutSourceKeys", "at least 10")]
    [InlineData("    service: lambda.amazonaws.com\n    sourceArns: [\"arn:aws:lambda:us-east-1:111111111111:function:x\"]\n    withoutSourceKeys: Lambda documents no keys here.\n", "serviceRoles[0].withoutSourceKeys", "both")]
    [InlineData("    service: lambda.amazonaws.com\n    withoutSourceKeys: Lambda documents no keys here.\n    sourceArn: x\n", "serviceRoles[0].sourceArn", "unknown key")]
    public void HostileServiceRoles(string body, string path, string message)
    {
        var result = StackFiles.Load(Yaml(body));
        Assert.Contains(result.Diagnostics, d => d.IsError && d.KeyPath == path && d.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownServiceNeedsAReasonToGoWithoutKeys()
    {
        var stack = StackFiles.Valid(Yaml("    service: lambda.amazonaws.com\n    withoutSourceKeys: Lambda documents no source keys for execution roles.\n"));
        Assert.NotNull(Assert.Single(stack.ServiceRoles).WithoutSourceKeys);
    }

    [Fact]
    public void DuplicateNamesAcrossSectionsAreRefused()
    {
        var yaml = StackFiles.Minimal + """
            serviceRoles:
              - name: Build
                service: lambda.amazonaws.com
                withoutSourceKeys: Lambda documents no source keys for execution roles.
              - name: build
                service: lambda.amazonaws.com
                withoutSourceKeys: Lambda documents no source keys for execution roles.
            """;
        var result = StackFiles.Load(yaml);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.KeyPath == "serviceRoles[1].name" && d.Message.Contains("already named", StringComparison.Ordinal));
    }

    [Fact]
    public void HugeListsReportEveryBadItem()
    {
        var arns = string.Join(", ", Enumerable.Range(0, 500).Select(i => $"\"arn:aws:codebuild:us-east-1:22222222222{i % 10}:project/p{i}\""));
        var result = StackFiles.Load(Yaml($"    service: codebuild.amazonaws.com\n    sourceArns: [{arns}]\n"));
        Assert.Equal(500, result.Diagnostics.Count(d => d.IsError && d.KeyPath.StartsWith("serviceRoles[0].sourceArns[", StringComparison.Ordinal)));
    }
}
