using EdgeIam.Config.Reading;
using EdgeIam.Config.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace EdgeIam.Config.Tests.Stack;

public sealed class StackNameCollisionTests
{
    private static StackLoadResult LoadDirectory(params (string Name, string Account)[] stacks)
    {
        var files = new Mock<IFileSource>(MockBehavior.Strict);
        var paths = stacks.Select(s => Path.Combine("stacks", s.Name + ".yaml")).ToList();
        files.Setup(f => f.StackFiles("stacks")).Returns(paths);
        files.Setup(f => f.FileExists(It.IsAny<string>())).Returns((string p) => paths.Contains(p));
        for (var i = 0; i < stacks.Length; i++)
        {
            files.Setup(f => f.ReadAllText(paths[i])).Returns($"account: \"{stacks[i].Account}\"\nregion: us-east-1\n");
        }

        return new StackConfigLoader(new FakeTimeProvider(StackFiles.Now), files.Object).LoadDirectory("stacks", []);
    }

    [Fact]
    public void StacksWhoseNamesDifferOnlyInCaseCannotShareAnAccount()
    {
        var error = Assert.Single(LoadDirectory(("dev", "111111111111"), ("prod", "111111111111"), ("Dev", "111111111111")).Diagnostics, d => d.IsError);
        Assert.Equal(Path.Combine("stacks", "Dev.yaml"), error.File);
        Assert.StartsWith($"stack 'Dev' and stack 'dev' ({Path.Combine("stacks", "dev.yaml")}) both deploy to account 111111111111, and their role names (EdgeIam-Dev-... and EdgeIam-dev-...) differ only in case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InDifferentAccountsTheyDoNotMeet() =>
        Assert.False(LoadDirectory(("dev", "111111111111"), ("Dev", "222222222222")).HasErrors);
}
