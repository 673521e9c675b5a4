using System.Text.Json;

namespace EdgeIam.App.Tests;

/// <summary>
/// <c>edgeiam ra-session</c> (the offline CreateSession dry run) and <c>device-config</c>'s proof against the stack,
/// on a dev stack synthesized once for the class with a fresh CA as the edge-ca anchor and its CRL imported.
/// </summary>
public sealed class RaSessionCommandTests : IClassFixture<RaSessionCommandTests.Stack>
{
    private readonly Stack _stack;

    public RaSessionCommandTests(Stack stack) => _stack = stack;

    /// <summary>A CA with sensor-0001 (revoked), sensor-0003, intruder-0001; another CA's sensor-0009; the synthesized dev stack.</summary>
    public sealed class Stack
    {
        public Stack()
        {
            var root = PkiCliRunner.TempDirectory();
            var ca = Path.Combine(root, "ca");
            Devices = Path.Combine(root, "dev");
            Require(PkiCliRunner.Run("pki", "init", "--out", ca));
            foreach (var name in new[] { "sensor-0001", "sensor-0003", "intruder-0001" })
            {
                Require(PkiCliRunner.Run("pki", "issue", "--ca", ca, "--name", name, "--out", Devices));
            }

            Require(PkiCliRunner.Run("pki", "revoke", "--ca", ca, "--cert", Path.Combine(Devices, "sensor-0001.crt"), "--reason", "keyCompromise"));
            Require(PkiCliRunner.Run("pki", "crl", "--ca", ca, "--out", Path.Combine(ca, "issuing-ca.crl")));
            var other = Path.Combine(root, "other");
            Require(PkiCliRunner.Run("pki", "init", "--out", other));
            Require(PkiCliRunner.Run("pki", "issue", "--ca", other, "--name", "sensor-0009", "--out", Path.Combine(root, "o")));
            Foreign = Path.Combine(root, "o", "sensor-0009.crt");

            var stacks = CliRunner.CopyOfStacks();
            File.Delete(Path.Combine(stacks, "prod.yaml"));
            File.Delete(Path.Combine(stacks, "prod.assertions.yaml"));
            File.Copy(Path.Combine(ca, "issuing-ca.crt"), Path.Combine(stacks, "pki", "dev", "issuing-ca.crt"), overwrite: true);
            File.Copy(Path.Combine(ca, "issuing-ca.crl"), Path.Combine(stacks, "pki", "dev", "issuing-ca.crl"), overwrite: true);
            var dev = Path.Combine(stacks, "dev.yaml");
            const string Anchor = "      certificate: pki/dev/issuing-ca.crt\n";
            var yaml = File.ReadAllText(dev);
            Assert.Contains(Anchor, yaml, StringComparison.Ordinal);
            File.WriteAllText(dev, yaml.Replace(Anchor, Anchor + "      crl: pki/dev/issuing-ca.crl\n", StringComparison.Ordinal));
            Assembly = Path.Combine(root, "assembly");
            Require(PkiCliRunner.Run("synth", "--config-dir", stacks, "--out", Assembly, "--no-check", "--quiet"));

            // What `cdk deploy --outputs-file` would write for the stack: made-up ARNs per output.
            using var template = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Assembly, "EdgeIam-dev.template.json")));
            var values = new Dictionary<string, string>();
            var n = 0;
            foreach (var output in template.RootElement.GetProperty("Outputs").EnumerateObject())
            {
                n++;
                values[output.Name] = output.Name.Contains("TrustAnchor", StringComparison.Ordinal) ? $"arn:aws:rolesanywhere:us-east-1:111111111111:trust-anchor/00000000-0000-4000-8000-{n:D12}"
                    : output.Name.Contains("Profile", StringComparison.Ordinal) ? $"arn:aws:rolesanywhere:us-east-1:111111111111:profile/00000000-0000-4000-8000-{n:D12}"
                    : output.Name.Contains("Role", StringComparison.Ordinal) ? "arn:aws:iam::111111111111:role/EdgeIam-dev-" + output.Name
                    : "vpc-0123456789abcdef0";
            }

            Outputs = Path.Combine(root, "outputs.json");
            File.WriteAllText(Outputs, JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>> { ["EdgeIam-dev"] = values }));
        }

        public string Devices { get; }

        public string Foreign { get; }

        public string Assembly { get; }

        public string Outputs { get; }

        private static void Require((int ExitCode, string Out, string Error) result) => Assert.True(result.ExitCode == 0, result.Out + result.Error);
    }

    private (int ExitCode, string Out, string Error) Session(string certificate, string role = "EdgeDeviceRole", params string[] more) =>
        PkiCliRunner.Run(["ra-session", "--assembly", _stack.Assembly, "--stack", "dev", "--profile", "edge-device", "--role", role, "--certificate", certificate, .. more]);

    private string Device(string name) => Path.Combine(_stack.Devices, name + ".crt");

    [Fact]
    public void AValidDeviceGetsASessionWithItsTagsAndDuration()
    {
        var result = Session(Device("sensor-0003"), "EdgeDeviceRole", "--session-duration", "30m");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Contains("trust anchor edge-ca (", result.Out, StringComparison.Ordinal);
        Assert.Contains("x509Subject/CN = sensor-0003", result.Out, StringComparison.Ordinal);
        Assert.Contains("x509Issuer/CN = EdgeIam Dev Issuing CA", result.Out, StringComparison.Ordinal);
        Assert.Contains("not revoked according to edge-ca-crl", result.Out, StringComparison.Ordinal);
        Assert.Contains("duration 1800 s = min(profile durationSeconds 3600, role MaxSessionDuration 3600, --session-duration 1800)", result.Out, StringComparison.Ordinal);
        Assert.Contains("session policy (narrows the role's permissions)", result.Out, StringComparison.Ordinal);
        Assert.Contains("result: a session would be issued", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ARevokedCertificateIsRefusedAtTheCrlStepNamingSerialDateAndReason()
    {
        var result = Session(Device("sensor-0001"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("2. revocation: REFUSED", result.Out, StringComparison.Ordinal);
        Assert.Contains("was revoked on", result.Out, StringComparison.Ordinal);
        Assert.Contains("reason keyCompromise", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("3. profile", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherCasCertificateIsAnUntrustedSigningCertificate()
    {
        var result = Session(_stack.Foreign);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("1. trust anchor: ", result.Out.Split('\n')[1], StringComparison.Ordinal);
        Assert.DoesNotContain("1. trust anchor: ok", result.Out, StringComparison.Ordinal);
        Assert.Contains("trust anchor edge-ca (RolesAnywhereTrustAnchorEdgeCa", result.Out, StringComparison.Ordinal);
        Assert.Contains("Untrusted signing certificate", result.Out, StringComparison.Ordinal);
        // The ACM PCA anchor cannot be checked offline: never counted as verified.
        Assert.Contains("factory-pca (RolesAnywhereTrustAnchorFactoryPca72705560): cannot prove offline", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ACnOutsideAllowedSubjectsIsRefusedAtTheTrustStepNamingTheCondition()
    {
        var result = Session(Device("intruder-0001"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("5. role trust: REFUSED", result.Out, StringComparison.Ordinal);
        Assert.Contains("aws:PrincipalTag/x509Subject/CN", result.Out, StringComparison.Ordinal);
        Assert.Contains("allowedSubjects", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ARoleTheProfileDoesNotListIsRefusedAtTheProfileStep()
    {
        var result = Session(Device("sensor-0003"), "FactoryControllerRole");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("3. profile: REFUSED", result.Out, StringComparison.Ordinal);
        Assert.Contains("profile edge-device does not list role FactoryControllerRole", result.Out, StringComparison.Ordinal);
        Assert.Contains("fix: use one of EdgeDeviceRole, EdgeTelemetryWriter with --role", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInputIsExitTwoNamingTheFix()
    {
        var profile = PkiCliRunner.Run("ra-session", "--assembly", _stack.Assembly, "--stack", "dev", "--profile", "nope", "--role", "EdgeDeviceRole", "--certificate", Device("sensor-0003"));
        Assert.Equal(2, profile.ExitCode);
        Assert.Contains("has no Roles Anywhere profile 'nope'; it has edge-device, factory-line (--profile)", profile.Error, StringComparison.Ordinal);
        var missing = Session(Path.Combine(_stack.Devices, "absent.crt"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--certificate", missing.Error, StringComparison.Ordinal);
        var duration = Session(Device("sensor-0003"), "EdgeDeviceRole", "--session-duration", "5m");
        Assert.Equal(2, duration.ExitCode);
        Assert.Contains("900 s to 43200 s", duration.Error, StringComparison.Ordinal);
    }

    private (int ExitCode, string Out, string Error) DeviceConfig(string role, string anchor) =>
        PkiCliRunner.Run("device-config", "--assembly", _stack.Assembly, "--outputs", _stack.Outputs, "--stack", "dev", "--profile", "edge-device",
            "--role", role, "--trust-anchor", anchor, "--certificate", "/etc/edge/device.crt", "--private-key", "/etc/edge/device.key");

    [Fact]
    public void DeviceConfigForAValidCombinationUsesTheStackFileNamesAndTheProfileDuration()
    {
        var result = DeviceConfig("EdgeDeviceRole", "edge-ca");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("[profile edge-device]", result.Out.Split('\n'));
        Assert.Contains("trust anchor edge-ca, profile edge-device, role EdgeDeviceRole", result.Out, StringComparison.Ordinal);
        Assert.Contains("--session-duration 3600\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceConfigRefusesARoleTheProfileDoesNotList()
    {
        var result = DeviceConfig("FactoryControllerRole", "edge-ca");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("profile edge-device does not list role 'FactoryControllerRole'", result.Error, StringComparison.Ordinal);
        Assert.Contains("choose --role from EdgeDeviceRole, EdgeTelemetryWriter", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void DeviceConfigRefusesAnAnchorTheRolesTrustDoesNotAccept()
    {
        var result = DeviceConfig("EdgeDeviceRole", "factory-pca");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not accept trust anchor factory-pca", result.Error, StringComparison.Ordinal);
        Assert.Contains("aws:SourceArn", result.Error, StringComparison.Ordinal);
        Assert.Contains("choose --trust-anchor from edge-ca, partner-ca", result.Error, StringComparison.Ordinal);
    }
}
