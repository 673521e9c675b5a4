using EdgeIam.Config.Reading;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace EdgeIam.Config.Tests.Support;

/// <summary>Loads stack YAML from memory through a mocked <see cref="IFileSource"/>, at a fixed time.</summary>
public static class StackFiles
{
    /// <summary>The clock every config test runs at (certificate expiry checks depend on it).</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Minimal valid top of a stack file; tests append sections.</summary>
    public const string Minimal = """
        account: "111111111111"
        region: us-east-1

        """;

    /// <summary>Loads <paramref name="yaml"/> as <c>stacks/dev.yaml</c>; <paramref name="extraFiles"/> are other readable files (absolute path → text).</summary>
    public static StackLoadResult Load(string yaml, IReadOnlyDictionary<string, string>? extraFiles = null, DateTimeOffset? now = null) =>
        LoadAs("dev", yaml, extraFiles, now);

    /// <summary>Loads <paramref name="yaml"/> as <c>stacks/&lt;stackName&gt;.yaml</c> (the stack name is the file name).</summary>
    public static StackLoadResult LoadAs(string stackName, string yaml, IReadOnlyDictionary<string, string>? extraFiles = null, DateTimeOffset? now = null)
    {
        var files = new Mock<IFileSource>(MockBehavior.Strict);
        var path = Path.Combine("stacks", stackName + ".yaml");
        files.Setup(f => f.FileExists(It.IsAny<string>())).Returns((string p) => p == path || (extraFiles?.ContainsKey(p) ?? false));
        files.Setup(f => f.ReadAllText(path)).Returns(yaml);
        foreach (var (extraPath, text) in extraFiles ?? new Dictionary<string, string>())
        {
            files.Setup(f => f.ReadAllText(extraPath)).Returns(text);
        }

        return new StackConfigLoader(new FakeTimeProvider(now ?? Now), files.Object).LoadFile(path);
    }

    /// <summary>The single error of a load, failing the test when there is not exactly one.</summary>
    public static Diagnostics.ConfigDiagnostic SingleError(string yaml, IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        var result = Load(yaml, extraFiles);
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        Assert.True(errors.Count == 1, "expected exactly one error, got:\n" + string.Join("\n", result.Diagnostics));
        return errors[0];
    }

    /// <summary>The stack of a load that must succeed.</summary>
    public static EdgeIam.Config.Stack.StackConfig Valid(string yaml, IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        var result = Load(yaml, extraFiles);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return Assert.Single(result.Stacks);
    }
}
