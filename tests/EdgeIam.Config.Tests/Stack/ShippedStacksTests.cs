using EdgeIam.Config.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgeIam.Config.Tests.Stack;

public sealed class ShippedStacksTests
{
    [Fact]
    public void ShippedStacksLoadWithoutErrors()
    {
        var result = new StackConfigLoader(new FakeTimeProvider(StackFiles.Now)).LoadDirectory(RepositoryPaths.Stacks, []);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(["dev", "prod"], result.Stacks.Select(s => s.Name));
    }

    [Fact]
    public void ProdIsProtected()
    {
        var result = new StackConfigLoader(new FakeTimeProvider(StackFiles.Now)).LoadDirectory(RepositoryPaths.Stacks, ["prod"]);
        var prod = Assert.Single(result.Stacks);
        Assert.True(prod.Protect);
        Assert.NotNull(prod.PermissionsBoundary);
    }

    [Fact]
    public void AStackThatDoesNotExistIsNamedWithTheNearestOne()
    {
        var result = new StackConfigLoader(new FakeTimeProvider(StackFiles.Now)).LoadDirectory(RepositoryPaths.Stacks, ["prd"]);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("stack 'prd' does not exist", error.Message);
        Assert.StartsWith("did you mean 'prod'?", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderWithoutStackFilesIsAnError()
    {
        using var empty = TempFolder.Create("edgeiam-empty-");
        var result = new StackConfigLoader(new FakeTimeProvider(StackFiles.Now)).LoadDirectory(empty.Path, []);
        Assert.Equal("no stack files (*.yaml) found", Assert.Single(result.Diagnostics).Message);
    }

    [Fact]
    public void StackNamesMustSuitCloudFormation()
    {
        using var dir = TempFolder.Create("edgeiam-names-");
        File.WriteAllText(dir.Combine("1_bad.yaml"), StackFiles.Minimal);
        var result = new StackConfigLoader(new FakeTimeProvider(StackFiles.Now)).LoadDirectory(dir.Path, []);
        Assert.Contains("is not usable in a CloudFormation stack name", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }
}
