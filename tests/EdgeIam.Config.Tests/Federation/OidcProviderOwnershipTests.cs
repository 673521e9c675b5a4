using EdgeIam.Config.Reading;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace EdgeIam.Config.Tests.Federation;

public sealed class OidcProviderOwnershipTests
{
    private const string Creates = """
        oidc:
          providers:
            - name: github
              preset: github

        """;

    private const string References = """
        oidc:
          providers:
            - name: github
              preset: github
              existingProviderArn: arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com

        """;

    [Fact]
    public void StacksOfOneAccountCreateEachProviderOnce()
    {
        var result = Load(("dev", Top("111111111111") + Creates), ("prod", Top("111111111111") + Creates));

        Assert.Equal(2, result.Diagnostics.Count(d => d.IsError));
        Assert.All(result.Diagnostics, d =>
        {
            Assert.Equal("oidc.providers[0]", d.KeyPath);
            Assert.Equal(5, d.Line);
            Assert.Contains("stacks dev and prod all create the OIDC provider for https://token.actions.githubusercontent.com", d.Message, StringComparison.Ordinal);
            Assert.Contains("existingProviderArn: arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com", d.Fix, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void OneStackCreatesTheProviderAndTheOthersReferenceIt()
    {
        var result = Load(("dev", Top("111111111111") + References), ("prod", Top("111111111111") + Creates));

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void StacksOfDifferentAccountsEachCreateTheirProvider()
    {
        var result = Load(("dev", Top("111111111111") + Creates), ("prod", Top("999999999999") + Creates));

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    private static string Top(string account) => $"""
        account: "{account}"
        region: us-east-1

        """;

    private static StackLoadResult Load(params (string Name, string Yaml)[] stacks)
    {
        var files = new Mock<IFileSource>(MockBehavior.Strict);
        var paths = stacks.Select(s => Path.Combine("stacks", s.Name + ".yaml")).ToList();
        files.Setup(f => f.StackFiles("stacks")).Returns(paths);
        files.Setup(f => f.FileExists(It.IsAny<string>())).Returns((string p) => paths.Contains(p));
        foreach (var (path, (_, yaml)) in paths.Zip(stacks))
        {
            files.Setup(f => f.ReadAllText(path)).Returns(yaml);
        }

        return new StackConfigLoader(new FakeTimeProvider(Support.StackFiles.Now), files.Object).LoadDirectory("stacks", []);
    }
}
