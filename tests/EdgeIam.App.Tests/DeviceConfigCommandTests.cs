namespace EdgeIam.App.Tests;

/// <summary><c>edgeiam device-config</c>: from `cdk deploy --outputs-file` to a device's ~/.aws/config profile.</summary>
public sealed class DeviceConfigCommandTests
{
    private const string Anchor = "arn:aws:rolesanywhere:eu-west-1:111111111111:trust-anchor/11111111-2222-4333-8444-555555555555";
    private const string OtherAnchor = "arn:aws:rolesanywhere:eu-west-1:111111111111:trust-anchor/99999999-2222-4333-8444-555555555555";
    private const string Profile = "arn:aws:rolesanywhere:eu-west-1:111111111111:profile/22222222-2222-4333-8444-555555555555";
    private const string Role = "arn:aws:iam::111111111111:role/EdgeDeviceRole";

    /// <summary>The policy engine's fixture assembly: what synth writes for the shipped stacks (SynthCommandTests checks).</summary>
    private static readonly string FixtureAssembly = Path.Combine(CliRunner.RepositoryRoot, "tests", "EdgeIam.Policy.Tests", "Fixtures", "Assembly");

    private static (int ExitCode, string Out, string Error) Run(params string[] args) =>
        PkiCliRunner.Run(["device-config", "--assembly", FixtureAssembly, .. args]);

    private static string OutputsFile(string json)
    {
        var path = Path.Combine(PkiCliRunner.TempDirectory(), "outputs.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static readonly string SingleStack = $$"""
        {
          "EdgeIam-dev": {
            "RolesAnywhereTrustAnchorEdgeCaArn": "{{Anchor}}",
            "RolesAnywhereProfileEdgeDeviceArn": "{{Profile}}",
            "RolesAnywhereRoleEdgeDeviceRoleArn": "{{Role}}",
            "SomethingElse": "x"
          },
          "EdgeIam-network": { "VpcId": "vpc-1" }
        }
        """;

    [Fact]
    public void PrintsACredentialProcessProfileWithTheDeployedArns()
    {
        var result = Run("--outputs", OutputsFile(SingleStack),
            "--profile", "edge-device", "--certificate", "/etc/edgeiam/sensor-1.crt", "--private-key", "/etc/edgeiam/sensor-1.key");
        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Out.Split('\n');
        Assert.Contains("[profile edge-device]", lines);
        Assert.Contains(
            $"credential_process = aws_signing_helper credential-process --certificate /etc/edgeiam/sensor-1.crt --private-key /etc/edgeiam/sensor-1.key --trust-anchor-arn {Anchor} --profile-arn {Profile} --role-arn {Role} --session-duration 3600",
            lines);
        Assert.Contains("region = eu-west-1", lines);
    }

    [Fact]
    public void IntermediatesAndPathsWithSpacesAreCarriedSafely()
    {
        var result = Run("--outputs", OutputsFile(SingleStack), "--stack", "dev", "--aws-profile", "sensor",
            "--certificate", "/opt/edge iam/d.crt", "--private-key", "/opt/edge iam/d.key", "--intermediates", "/opt/edge iam/d.chain.pem");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--certificate '/opt/edge iam/d.crt' --private-key '/opt/edge iam/d.key' --intermediates '/opt/edge iam/d.chain.pem' --trust-anchor-arn", result.Out, StringComparison.Ordinal);
        Assert.Contains("[profile sensor]", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralAnchorsRequireChoosingOne()
    {
        var json = SingleStack.Replace("\"SomethingElse\": \"x\"", $"\"RolesAnywhereTrustAnchorPartnerCaArn\": \"{OtherAnchor}\"", StringComparison.Ordinal);
        var ambiguous = Run("--outputs", OutputsFile(json), "--certificate", "c", "--private-key", "k");
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("several trust anchors (EdgeCa, PartnerCa); choose one with --trust-anchor", ambiguous.Error, StringComparison.Ordinal);

        var chosen = Run("--outputs", OutputsFile(json), "--trust-anchor", "partner-ca", "--certificate", "c", "--private-key", "k");
        Assert.Equal(0, chosen.ExitCode);
        Assert.Contains("--trust-anchor-arn " + OtherAnchor, chosen.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--role", "NoSuchRole", "has no role 'NoSuchRole'; it has EdgeDeviceRole")]
    [InlineData("--stack", "prod", "stack 'prod' is not in the outputs file; it holds EdgeIam-dev, EdgeIam-network")]
    public void UnknownNamesAreBadInputListingWhatExists(string option, string value, string message)
    {
        var result = Run("--outputs", OutputsFile(SingleStack), option, value, "--certificate", "c", "--private-key", "k");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingOrMalformedOutputsFileIsBadInput()
    {
        var missing = Run("--outputs", "/nonexistent/outputs.json", "--certificate", "c", "--private-key", "k");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("cdk deploy --outputs-file", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, Run("--outputs", OutputsFile("[1,"), "--certificate", "c", "--private-key", "k").ExitCode);
    }
}
