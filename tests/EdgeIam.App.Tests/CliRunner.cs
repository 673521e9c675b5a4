using Microsoft.Extensions.Time.Testing;

namespace EdgeIam.App.Tests;

/// <summary>Runs the CLI in-process and captures what it printed.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error);

public static class CliRunner
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static CliResult Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = EdgeIamCli.Run(args, new CliContext(output, error, new FakeTimeProvider(Now)));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static string RepositoryRoot => RepositoryPaths.Root;

    /// <summary>A private copy of the shipped stacks/ folder that a test may break.</summary>
    public static string CopyOfStacks()
    {
        var target = TestTemp.Folder("edgeiam-cfg-");
        var source = Path.Combine(RepositoryRoot, "stacks");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    public static string NewTempPath() => TestTemp.Path("edgeiam-test-");
}
