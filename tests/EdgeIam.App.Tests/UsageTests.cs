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

    // Every command: a missing required option, a value of the wrong type, a value outside the allowed set. These are
    // System.CommandLine's parse errors, which must be usage errors (2), never findings (1) or internal failures (3).
    [InlineData("pki", "init")]
    [InlineData("pki", "init", "--out", "x", "--days", "ten")]
    [InlineData("pki", "init", "--out", "x", "--key-algorithm", "dsa")]
    [InlineData("pki", "issue", "--ca", "x", "--out", "y")]
    [InlineData("pki", "verify", "--anchor", "x")]
    [InlineData("pki", "crl", "--ca", "x", "--out", "y", "--days", "1.5")]
    [InlineData("device-config", "--outputs", "x")]
    [InlineData("check", "--format", "html")]
    [InlineData("access", "--format", "sarif")]
    [InlineData("diff", "--base", "x")]
    [InlineData("diff", "--base", "x", "--head", "y", "--format", "sarif")]
    [InlineData("can-assume", "--assembly", "x", "--stack", "dev", "--role", "r")]
    [InlineData("can-assume", "--assembly", "x", "--stack", "dev", "--role", "r", "--principal", "service:ec2.amazonaws.com", "--format", "markdown")]
    [InlineData("synth", "--stack")]
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
