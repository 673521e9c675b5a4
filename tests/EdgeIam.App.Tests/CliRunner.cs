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

    /// <summary>The repository root, found from the test binary's location.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>A private copy of the shipped stacks/ folder that a test may break.</summary>
    public static string CopyOfStacks()
    {
        var target = Directory.CreateTempSubdirectory("edgeiam-cfg-").FullName;
        var source = Path.Combine(RepositoryRoot, "stacks");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    public static string NewTempPath() => Path.Combine(Path.GetTempPath(), "edgeiam-test-" + Guid.NewGuid().ToString("N"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeIam.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root");
    }
}
