namespace EdgeIam.App.Tests;

public sealed class UsageTests
{
    [Fact]
    public void HelpExitsZeroAndListsTheCommands()
    {
        var result = CliRunner.Run("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("synth", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void SynthHelpDescribesItsOptions()
    {
        var result = CliRunner.Run("synth", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--stack", result.Out, StringComparison.Ordinal);
        Assert.Contains("--config-dir", result.Out, StringComparison.Ordinal);
        Assert.Contains("--out", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("synth", "--no-such-option")]
    public void UnknownCommandsAndOptionsExitTwo(params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("edgeiam --help", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void NoCommandAtAllExitsTwo()
    {
        Assert.Equal(2, CliRunner.Run().ExitCode);
    }
}
