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
        Assert.Contains("3. revocation: REFUSED", result.Out, StringComparison.Ordinal);
        Assert.Contains("was revoked on", result.Out, StringComparison.Ordinal);
        Assert.Contains("reason keyCompromise", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("4. profile", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherCasCertificateIsAnUntrustedSigningCertificate()
    {
        var result = Session(_stack.Foreign);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("2. trust anchor: ", result.Out.Split('\n')[3], StringComparison.Ordinal);
        Assert.DoesNotContain("2. trust anchor: ok", result.Out, StringComparison.Ordinal);
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
        Assert.Contains("6. role trust: REFUSED", result.Out, StringComparison.Ordinal);
        Assert.Contains("aws:PrincipalTag/x509Subject/CN", result.Out, StringComparison.Ordinal);
        Assert.Contains("allowedSubjects", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ARoleTheProfileDoesNotListIsRefusedAtTheProfileStep()
    {
        var result = Session(Device("sensor-0003"), "FactoryControllerRole");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("4. profile: REFUSED", result.Out, StringComparison.Ordinal);
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

    private string Key(string name) => Path.Combine(_stack.Devices, name + ".key");

    [Fact]
    public void APrivateKeyOfTheCertificateIsProvedAndAnotherKeyIsRefusedAtTheSignatureStep()
    {
        var own = Session(Device("sensor-0003"), "EdgeDeviceRole", "--private-key", Key("sensor-0003"));
        Assert.True(own.ExitCode == 0, own.Out + own.Error);
        Assert.Contains("1. signature: ok", own.Out, StringComparison.Ordinal);
        Assert.Contains("--private-key is the key of 'CN=sensor-0003,", own.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", own.Out + own.Error, StringComparison.Ordinal);

        var other = Session(Device("sensor-0003"), "EdgeDeviceRole", "--private-key", Key("intruder-0001"));
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("1. signature: REFUSED", other.Out, StringComparison.Ordinal);
        Assert.Contains("does not belong to the certificate 'CN=sensor-0003,", other.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("2. trust anchor", other.Out, StringComparison.Ordinal);
        Assert.Contains("result: no session: refused at step 'signature'", other.Out, StringComparison.Ordinal);

        var unproved = Session(Device("sensor-0003"));
        Assert.Contains("1. signature: ok", unproved.Out, StringComparison.Ordinal);
        Assert.Contains("not proved: no --private-key given", unproved.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pkcs11:token=edge;object=device-key", "key in a token or TPM")]
    [InlineData("handle:0x81000001", "key in a token or TPM")]
    [InlineData("/nonexistent/device.key", "does not exist")]
    public void APrivateKeyTheDryRunCannotReadIsBadInput(string key, string expected)
    {
        var result = Session(Device("sensor-0003"), "EdgeDeviceRole", "--private-key", key);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void APrivateKeyFileThatIsNoKeyIsRefusedNotTrusted()
    {
        var result = Session(Device("sensor-0003"), "EdgeDeviceRole", "--private-key", Device("sensor-0003"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1. signature: REFUSED", result.Out, StringComparison.Ordinal);
        Assert.Contains("not a readable unencrypted private key", result.Out, StringComparison.Ordinal);
    }

    private (int ExitCode, string Out, string Error) VerifyWithStack(string certificate, params string[] more) =>
        PkiCliRunner.Run(["pki", "verify", "--stack", "dev", "--assembly", _stack.Assembly, "--cert", certificate, .. more]);

    [Fact]
    public void VerifyWithStackUsesTheAnchorsAndTheCrlsTheStackImports()
    {
        var trusted = VerifyWithStack(Device("sensor-0003"));
        Assert.True(trusted.ExitCode == 0, trusted.Out + trusted.Error);
        Assert.StartsWith("trusted: 'CN=sensor-0003,", trusted.Out, StringComparison.Ordinal);
        Assert.Contains("' chains to trust anchor edge-ca of EdgeIam-dev and is not revoked\n", trusted.Out, StringComparison.Ordinal);
        Assert.Contains("not revoked according to edge-ca-crl", trusted.Out, StringComparison.Ordinal);

        var revoked = VerifyWithStack(Device("sensor-0001"), "--trust-anchor", "edge-ca");
        Assert.Equal(1, revoked.ExitCode);
        Assert.Contains("' for EdgeIam-dev: refused at step 'revocation'", revoked.Out, StringComparison.Ordinal);
        Assert.Contains("was revoked on", revoked.Out, StringComparison.Ordinal);
        Assert.Contains("reason keyCompromise", revoked.Out, StringComparison.Ordinal);

        var foreign = VerifyWithStack(_stack.Foreign);
        Assert.Equal(1, foreign.ExitCode);
        Assert.Contains("at step 'trust anchor'", foreign.Out, StringComparison.Ordinal);
        Assert.Contains("Untrusted signing certificate", foreign.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyWithStackAndAnAnchorFileUsesTheStacksAnchorWithThatCertificate()
    {
        var ca = Path.Combine(Path.GetDirectoryName(_stack.Devices)!, "ca", "issuing-ca.crt");
        var result = VerifyWithStack(Device("sensor-0001"), "--anchor", ca);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("reason keyCompromise", result.Out, StringComparison.Ordinal);

        var otherCa = Path.Combine(Path.GetDirectoryName(_stack.Devices)!, "other", "issuing-ca.crt");
        var unknown = VerifyWithStack(_stack.Foreign, "--anchor", otherCa);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no trust anchor of stack dev has this certificate in its bundle; its anchors: edge-ca, factory-pca, partner-ca", unknown.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--trust-anchor", "nope" }, "has no trust anchor 'nope'; it has edge-ca, factory-pca, partner-ca (--trust-anchor)")]
    public void VerifyWithStackBadInputIsExitTwo(string[] more, string expected)
    {
        var result = VerifyWithStack(Device("sensor-0003"), more);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyWithStackOfAMissingAssemblyIsExitTwo()
    {
        var result = PkiCliRunner.Run("pki", "verify", "--stack", "dev", "--assembly", Path.Combine(_stack.Devices, "no-assembly"), "--cert", Device("sensor-0003"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--stack reads the synthesized stack", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyNeedsAnAnchorOrAStack()
    {
        var none = PkiCliRunner.Run("pki", "verify", "--cert", Device("sensor-0003"));
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("--anchor FILE", none.Error, StringComparison.Ordinal);
        var orphan = PkiCliRunner.Run("pki", "verify", "--cert", Device("sensor-0003"), "--trust-anchor", "edge-ca");
        Assert.Equal(2, orphan.ExitCode);
        Assert.Contains("give --stack NAME as well", orphan.Error, StringComparison.Ordinal);
    }

    private (int ExitCode, string Out, string Error) DeviceConfigWith(params string[] more) =>
        PkiCliRunner.Run(["device-config", "--assembly", _stack.Assembly, "--outputs", _stack.Outputs, "--stack", "dev", "--profile", "edge-device",
            "--role", "EdgeDeviceRole", "--trust-anchor", "edge-ca", .. more]);

    [Fact]
    public void DeviceConfigProvesALocalCertificateAgainstTheStack()
    {
        var good = DeviceConfigWith("--certificate", "/etc/edge/device.crt", "--private-key", "/etc/edge/device.key", "--check-certificate", Device("sensor-0003"));
        Assert.True(good.ExitCode == 0, good.Error);
        Assert.Contains("# certificate checked: 'CN=sensor-0003,", good.Out, StringComparison.Ordinal);
        Assert.Contains("' chains to edge-ca, is not revoked by the CRLs the stack imports, and EdgeDeviceRole's trust accepts it\n", good.Out, StringComparison.Ordinal);

        // --certificate itself is checked when the file is on this machine.
        var intruder = DeviceConfigWith("--certificate", Device("intruder-0001"), "--private-key", "/etc/edge/device.key");
        Assert.Equal(2, intruder.ExitCode);
        Assert.Contains("at step 'role trust'", intruder.Error, StringComparison.Ordinal);
        Assert.Contains("allowedSubjects", intruder.Error, StringComparison.Ordinal);
        Assert.Empty(intruder.Out);

        var revoked = DeviceConfigWith("--certificate", "/etc/edge/device.crt", "--private-key", "/etc/edge/device.key", "--check-certificate", Device("sensor-0001"));
        Assert.Equal(2, revoked.ExitCode);
        Assert.Contains("at step 'revocation'", revoked.Error, StringComparison.Ordinal);

        var foreign = DeviceConfigWith("--certificate", "/etc/edge/device.crt", "--private-key", "/etc/edge/device.key", "--check-certificate", _stack.Foreign);
        Assert.Equal(2, foreign.ExitCode);
        Assert.Contains("at step 'trust anchor'", foreign.Error, StringComparison.Ordinal);

        var absent = DeviceConfigWith("--certificate", "/etc/edge/device.crt", "--private-key", "/etc/edge/device.key", "--check-certificate", "/nonexistent.crt");
        Assert.Equal(2, absent.ExitCode);
        Assert.Contains("--check-certificate '/nonexistent.crt' does not exist", absent.Error, StringComparison.Ordinal);

        var unchecked_ = DeviceConfigWith("--certificate", "/etc/edge/device.crt", "--private-key", "/etc/edge/device.key");
        Assert.Contains("# certificate not checked: no local copy", unchecked_.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceConfigServeWritesASystemdUnitAndTheEndpointTheSdksNeed()
    {
        var result = DeviceConfigWith("--mode", "serve", "--port", "9912", "--certificate", "/etc/edge/device.crt", "--private-key", "pkcs11:token=edge%20hsm;object=device-key",
            "--pkcs11-lib", "/usr/lib/softhsm/libsofthsm2.so", "--signing-helper", "/usr/local/bin/aws_signing_helper");
        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Out.Split('\n');
        var exec = Assert.Single(lines, l => l.StartsWith("ExecStart=", StringComparison.Ordinal));
        Assert.StartsWith("ExecStart=/usr/local/bin/aws_signing_helper serve --certificate /etc/edge/device.crt --private-key \"pkcs11:token=edge%%20hsm;object=device-key\" --pkcs11-lib /usr/lib/softhsm/libsofthsm2.so --trust-anchor-arn arn:aws:rolesanywhere:us-east-1:111111111111:trust-anchor/", exec, StringComparison.Ordinal);
        Assert.EndsWith("--session-duration 3600 --port 9912", exec, StringComparison.Ordinal);
        Assert.Contains("#   AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9912/", lines);
        Assert.Contains("#   AWS_REGION=us-east-1", lines);
        Assert.Contains("User=edgeiam", lines);
        Assert.Contains("[Install]", lines);
        Assert.Contains("# key: in a PKCS#11 token", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("credential_process", StringComparison.Ordinal));
    }

    [Fact]
    public void DeviceConfigUpdateKeepsACredentialsFileProfileFresh()
    {
        var result = DeviceConfigWith("--mode", "update", "--aws-profile", "telemetry", "--service-user", "sensor", "--certificate", "/etc/edge/device.crt", "--private-key", "handle:0x81000001");
        Assert.True(result.ExitCode == 0, result.Error);
        var exec = Assert.Single(result.Out.Split('\n'), l => l.StartsWith("ExecStart=", StringComparison.Ordinal));
        Assert.StartsWith("ExecStart=aws_signing_helper update --certificate /etc/edge/device.crt --private-key handle:0x81000001 --trust-anchor-arn ", exec, StringComparison.Ordinal);
        Assert.EndsWith("--session-duration 3600 --profile telemetry", exec, StringComparison.Ordinal);
        Assert.Contains("User=sensor\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("AWS_PROFILE=telemetry", result.Out, StringComparison.Ordinal);
        Assert.Contains("# key: TPM persistent handle", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--private-key", "pkcs11:object=k;pin-value=1234" }, "pin-value")]
    [InlineData(new[] { "--private-key", "pkcs11:object=my key" }, "is not a PKCS#11 URI")]
    [InlineData(new[] { "--private-key", "handle:0x01000001" }, "is not a TPM persistent handle")]
    [InlineData(new[] { "--private-key", "/etc/edge/device.key", "--pkcs11-lib", "/usr/lib/p11.so" }, "--pkcs11-lib applies to a key in a PKCS#11 token")]
    [InlineData(new[] { "--private-key", "/etc/edge/device.key", "--reuse-pin" }, "--reuse-pin applies")]
    [InlineData(new[] { "--private-key", "/etc/edge/device.key", "--mode", "serve", "--port", "0" }, "--port 0 is not a TCP port")]
    [InlineData(new[] { "--private-key", "/etc/edge/device.key", "--mode", "serve", "--service-user", "root;rm" }, "--service-user 'root;rm'")]
    [InlineData(new[] { "--private-key", "/etc/edge/it's.key" }, "contains a quote")]
    public void DeviceConfigRefusesKeySourcesAndOptionsItCannotWriteSafely(string[] more, string expected)
    {
        var result = DeviceConfigWith(["--certificate", "/etc/edge/device.crt", .. more]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void DeviceConfigRefusesAModeTheHelperDoesNotHave()
    {
        var result = DeviceConfigWith("--mode", "daemon", "--certificate", "/etc/edge/device.crt", "--private-key", "/etc/edge/device.key");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("daemon", result.Error, StringComparison.Ordinal);
    }
}
