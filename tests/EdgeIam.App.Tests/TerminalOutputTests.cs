using EdgeIam.App.Output;
using EdgeIam.Config;
using EdgeIam.Config.Diagnostics;

namespace EdgeIam.App.Tests;

/// <summary>Colour only where a terminal will show it; progress only when not quiet.</summary>
public sealed class TerminalOutputTests
{
    private static readonly StackLoadResult TwoProblems = new([],
    [
        new ConfigDiagnostic(DiagnosticSeverity.Error, "stacks/dev.yaml", 3, 5, "region", "bad region", "fix it."),
        new ConfigDiagnostic(DiagnosticSeverity.Warning, "stacks/dev.yaml", 9, 7, "tags", "odd tag", "look."),
    ]);

    private static string Print(bool color)
    {
        using var error = new StringWriter();
        DiagnosticPrinter.Report(TwoProblems, error, new CliContext(TextWriter.Null, error, TimeProvider.System) { Color = color });
        return error.ToString();
    }

    [Fact]
    public void Severities_are_coloured_only_when_colour_is_on()
    {
        var plain = Print(color: false);
        Assert.DoesNotContain('\u001b', plain);
        Assert.Contains("stacks/dev.yaml:3:5: error: region: bad region", plain, StringComparison.Ordinal);

        var coloured = Print(color: true);
        Assert.Contains("stacks/dev.yaml:3:5: \u001b[31merror\u001b[0m: region: bad region", coloured, StringComparison.Ordinal);
        Assert.Contains("stacks/dev.yaml:9:7: \u001b[33mwarning\u001b[0m: tags: odd tag", coloured, StringComparison.Ordinal);
        Assert.Equal(plain, coloured.Replace("\u001b[31m", "", StringComparison.Ordinal).Replace("\u001b[33m", "", StringComparison.Ordinal).Replace("\u001b[0m", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Progress_is_silent_when_quiet()
    {
        using var error = new StringWriter();
        new CliContext(TextWriter.Null, error, TimeProvider.System).Progress("building EdgeIam-dev (1/1)");
        new CliContext(TextWriter.Null, error, TimeProvider.System) { Quiet = true }.Progress("never shown");
        Assert.Equal("edgeiam: building EdgeIam-dev (1/1)" + Environment.NewLine, error.ToString());
    }
}
