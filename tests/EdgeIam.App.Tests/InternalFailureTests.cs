using Microsoft.Extensions.Time.Testing;

namespace EdgeIam.App.Tests;

/// <summary>
/// Anything no command expected is exit 3 and one line on stderr; the stack trace only with --verbose. The failures
/// are injected at the CLI's real seams: the clock every command reads and the writer reports go to.
/// </summary>
public sealed class InternalFailureTests
{
    [Fact]
    public void AnUnexpectedExceptionIsExit3AndOneLineWithoutAStackTrace()
    {
        var (code, _, error) = Run(new BrokenClock(), "pki", "init", "--out", TestTemp.Path("edgeiam-never-"));

        Assert.Equal(ExitCodes.InternalFailure, code);
        Assert.Equal(
            "edgeiam: internal error: System.InvalidOperationException: the clock broke (run with --verbose or EDGEIAM_DEBUG=1 for the stack trace)" + Environment.NewLine,
            error);
    }

    [Fact]
    public void WithVerboseTheStackTraceFollowsTheLine()
    {
        var (code, _, error) = Run(new BrokenClock(), "pki", "init", "--verbose", "--out", TestTemp.Path("edgeiam-never-"));

        Assert.Equal(ExitCodes.InternalFailure, code);
        Assert.StartsWith("edgeiam: internal error: System.InvalidOperationException: the clock broke" + Environment.NewLine, error, StringComparison.Ordinal);
        Assert.Contains("   at ", error, StringComparison.Ordinal);
        Assert.Contains(nameof(BrokenClock), error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOutputThatFailsIsAnInternalFailureNotFindings()
    {
        var assembly = Path.Combine(RepositoryPaths.Root, "tests", "EdgeIam.Policy.Tests", "Fixtures", "Assembly");
        using var error = new StringWriter();
        var code = EdgeIamCli.Run(["check", "--assembly", assembly], new CliContext(new BrokenWriter(), error, new FakeTimeProvider(CliRunner.Now)));

        Assert.Equal(ExitCodes.InternalFailure, code);
        Assert.StartsWith("edgeiam: internal error: System.IO.IOException: Broken pipe (run with --verbose", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheReportIsOneLineEvenForAMultiLineMessage()
    {
        using var error = new StringWriter();

        var code = InternalFailure.Report(new AggregateException(new FormatException("first\nsecond")), error, withTrace: false);

        Assert.Equal(3, code);
        Assert.Equal("edgeiam: internal error: System.FormatException: first second (run with --verbose or EDGEIAM_DEBUG=1 for the stack trace)" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void TracesAreAskedForByTheOptionOrTheVariable()
    {
        Assert.True(InternalFailure.TracesRequested(["check", "--verbose"]));
        var before = Environment.GetEnvironmentVariable(InternalFailure.DebugVariable);
        try
        {
            Environment.SetEnvironmentVariable(InternalFailure.DebugVariable, null);
            Assert.False(InternalFailure.TracesRequested(["check"]));
            Environment.SetEnvironmentVariable(InternalFailure.DebugVariable, "1");
            Assert.True(InternalFailure.TracesRequested(["check"]));
        }
        finally
        {
            Environment.SetEnvironmentVariable(InternalFailure.DebugVariable, before);
        }
    }

    private static (int Code, string Out, string Error) Run(TimeProvider time, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = EdgeIamCli.Run(args, new CliContext(output, error, time));
        return (code, output.ToString(), error.ToString());
    }

    private sealed class BrokenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("the clock broke");
    }

    /// <summary>stdout closed under the CLI (a pipe to `head` that exited).</summary>
    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("Broken pipe");

        public override void Write(string? value) => throw new IOException("Broken pipe");

        public override void WriteLine(string? value) => throw new IOException("Broken pipe");
    }
}
