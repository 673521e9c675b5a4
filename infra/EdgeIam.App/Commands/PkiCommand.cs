using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeIam.Pki;

namespace EdgeIam.App.Commands;

/// <summary>
/// <c>edgeiam pki init|issue|verify|crl</c>: a development PKI for IAM Roles Anywhere. Contract: <c>init</c> writes a
/// root CA and an issuing CA (the trust anchor); <c>issue</c> writes a device certificate (CN = name, CA:FALSE,
/// digitalSignature, clientAuth) with its key and chain; <c>verify</c> exits 0 when the chain reaches the anchor, 1 when
/// it does not (naming the failing link and the fix); <c>crl</c> writes the issuing CA's revocation list. Private keys
/// are written 0600 and never printed; existing files are kept unless <c>--force</c>, and nothing is written when any
/// target exists. Bad input (missing or unreadable files, bad names, refused overwrite) is exit 2, one line on stderr.
/// </summary>
public static class PkiCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("pki", "Development PKI for IAM Roles Anywhere: create a CA, issue device certificates, verify chains, publish CRLs.");
        command.Subcommands.Add(Init(context));
        command.Subcommands.Add(Issue(context));
        command.Subcommands.Add(Verify(context));
        command.Subcommands.Add(Crl(context));
        return command;
    }

    private static Command Init(CliContext context)
    {
        var outDir = new Option<string>("--out") { Description = "Folder for root-ca.crt/.key and issuing-ca.crt/.key (created if missing).", Required = true };
        var name = new Option<string>("--name") { Description = "Prefix of the CA names ('<name> Root CA', '<name> Issuing CA').", DefaultValueFactory = _ => "EdgeIam Dev" };
        var days = new Option<int>("--days") { Description = "Validity of both CAs, in days.", DefaultValueFactory = _ => 3650 };
        var algorithm = KeyAlgorithmOption();
        var force = ForceOption();
        var command = new Command("init", "Create a dev root CA and an issuing (intermediate) CA signed by it.") { outDir, name, days, algorithm, force };
        command.SetAction(parse => Guard(context, () =>
        {
            var dir = parse.GetValue(outDir)!;
            var files = new[] { DevCertificateAuthority.RootCertificateFile, DevCertificateAuthority.RootKeyFile, DevCertificateAuthority.IssuingCertificateFile, DevCertificateAuthority.IssuingKeyFile }
                .Select(f => Path.Combine(dir, f)).ToArray();
            RefuseOverwrite(files, parse.GetValue(force));
            var ca = DevCertificateAuthority.Create(new DevCaOptions(parse.GetValue(name)!, ParseAlgorithm(parse.GetValue(algorithm)!), parse.GetValue(days)), context.Time.GetUtcNow());
            Directory.CreateDirectory(dir);
            var overwrite = parse.GetValue(force);
            PkiFiles.WritePrivateKey(files[1], ca.Root.PrivateKeyPem, overwrite);
            PkiFiles.WritePublic(files[0], ca.Root.CertificatePem, overwrite);
            PkiFiles.WritePrivateKey(files[3], ca.Issuing.PrivateKeyPem, overwrite);
            PkiFiles.WritePublic(files[2], ca.Issuing.CertificatePem, overwrite);

            using var issuing = X509Certificate2.CreateFromPem(ca.Issuing.CertificatePem);
            var output = context.Out;
            output.WriteLine($"Created a dev CA in {dir} (valid until {CertificateFacts.Format(CertificateFacts.NotAfter(issuing))}):");
            output.WriteLine($"  {files[0]}  root CA certificate");
            output.WriteLine($"  {files[1]}  root CA private key (0600): keep it offline; it only signs issuing CAs");
            output.WriteLine($"  {files[2]}  issuing CA certificate '{issuing.Subject}': the trust anchor (rolesAnywhere.trustAnchors[].certificate)");
            output.WriteLine($"  {files[3]}  issuing CA private key (0600): signs device certificates; never commit it");
            output.WriteLine($"Next: edgeiam pki issue --ca {dir} --name DEVICE --out DIR");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Issue(CliContext context)
    {
        var ca = new Option<string>("--ca") { Description = "Folder of the CA (issuing-ca.crt and issuing-ca.key from `pki init`).", Required = true };
        var name = new Option<string>("--name") { Description = "Device name: the certificate CN and the file names (letters, digits, '.', '_', '-').", Required = true };
        var outDir = new Option<string>("--out") { Description = "Folder for NAME.crt, NAME.key and NAME.chain.pem (created if missing).", Required = true };
        var days = new Option<int>("--days") { Description = "Validity in days (short-lived by design).", DefaultValueFactory = _ => 1 };
        var algorithm = KeyAlgorithmOption();
        var force = ForceOption();
        var command = new Command("issue", "Issue a device certificate (CN = --name, CA:FALSE, digitalSignature, clientAuth) signed by the issuing CA.")
        {
            ca, name, outDir, days, algorithm, force,
        };
        command.SetAction(parse => Guard(context, () =>
        {
            var deviceName = parse.GetValue(name)!;
            if (!DevCertificateAuthority.IsValidDeviceName(deviceName))
            {
                throw new PkiInputException($"'{deviceName}' is not a usable device name: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }

            var caDir = parse.GetValue(ca)!;
            var issuing = new IssuedCertificate(
                ReadRequired(Path.Combine(caDir, DevCertificateAuthority.IssuingCertificateFile), "issuing CA certificate"),
                ReadRequired(Path.Combine(caDir, DevCertificateAuthority.IssuingKeyFile), "issuing CA key"));
            var dir = parse.GetValue(outDir)!;
            var files = new[] { deviceName + ".crt", deviceName + ".key", deviceName + ".chain.pem" }.Select(f => Path.Combine(dir, f)).ToArray();
            var overwrite = parse.GetValue(force);
            RefuseOverwrite(files, overwrite);
            var device = DevCertificateAuthority.IssueDevice(issuing, deviceName, parse.GetValue(days), ParseAlgorithm(parse.GetValue(algorithm)!), context.Time.GetUtcNow());
            Directory.CreateDirectory(dir);
            PkiFiles.WritePrivateKey(files[1], device.Device.PrivateKeyPem, overwrite);
            PkiFiles.WritePublic(files[0], device.Device.CertificatePem, overwrite);
            PkiFiles.WritePublic(files[2], device.ChainPem, overwrite);

            using var certificate = X509Certificate2.CreateFromPem(device.Device.CertificatePem);
            context.Out.WriteLine($"Issued '{certificate.Subject}', valid until {CertificateFacts.Format(CertificateFacts.NotAfter(certificate))}:");
            context.Out.WriteLine($"  {files[0]}  device certificate");
            context.Out.WriteLine($"  {files[1]}  device private key (0600): copy it to the device only");
            context.Out.WriteLine($"  {files[2]}  intermediates (the issuing CA), for --intermediates when the trust anchor is the root");
            context.Out.WriteLine($"Check it: edgeiam pki verify --anchor {Path.Combine(caDir, DevCertificateAuthority.IssuingCertificateFile)} --cert {files[0]}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Verify(CliContext context)
    {
        var anchor = new Option<string>("--anchor") { Description = "Trust anchor CA certificate (PEM), as configured in rolesAnywhere.trustAnchors.", Required = true };
        var cert = new Option<string>("--cert") { Description = "Device certificate (PEM); further certificates in the file count as intermediates.", Required = true };
        var intermediates = new Option<string>("--intermediates") { Description = "Intermediate CA certificates (PEM bundle), as the device sends them." };
        var command = new Command("verify", "Tell whether a device certificate chains to a trust anchor; if not, which link fails and what to add. Exit 0 trusted, 1 untrusted, 2 bad input.")
        {
            anchor, cert, intermediates,
        };
        command.SetAction(parse => Guard(context, () =>
        {
            var anchorCertificates = LoadCertificates(parse.GetValue(anchor)!, "--anchor");
            var deviceCertificates = LoadCertificates(parse.GetValue(cert)!, "--cert");
            var extra = parse.GetValue(intermediates) is { } path ? LoadCertificates(path, "--intermediates") : [];
            try
            {
                if (anchorCertificates.Count != 1)
                {
                    throw new PkiInputException($"--anchor holds {anchorCertificates.Count} certificates; give the one CA certificate of the trust anchor");
                }

                var verdict = ChainVerifier.Verify(anchorCertificates[0], deviceCertificates[0], [.. deviceCertificates.Skip(1), .. extra], context.Time.GetUtcNow());
                if (verdict.Trusted)
                {
                    context.Out.WriteLine($"trusted: '{deviceCertificates[0].Subject}' chains to the trust anchor '{anchorCertificates[0].Subject}'");
                    foreach (var step in verdict.Path)
                    {
                        context.Out.WriteLine("  " + step);
                    }

                    return ExitCodes.Ok;
                }

                context.Out.WriteLine($"untrusted: {verdict.Link}: {verdict.Problem}");
                context.Out.WriteLine($"  fix: {verdict.Fix}");
                context.Out.WriteLine("  chain so far: " + string.Join(" <- ", verdict.Path));
                return ExitCodes.Findings;
            }
            finally
            {
                foreach (var certificate in anchorCertificates.Concat(deviceCertificates).Concat(extra))
                {
                    certificate.Dispose();
                }
            }
        }));
        return command;
    }

    private static Command Crl(CliContext context)
    {
        var ca = new Option<string>("--ca") { Description = "Folder of the CA (issuing-ca.crt and issuing-ca.key).", Required = true };
        var outFile = new Option<string>("--out") { Description = "CRL file to write (PEM), e.g. DIR/issuing-ca.crl.", Required = true };
        var revoke = new Option<string[]>("--revoke") { Description = "Device certificate (PEM) to revoke. Repeatable.", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var days = new Option<int>("--days") { Description = "Days until the next update is due.", DefaultValueFactory = _ => 30 };
        var force = ForceOption();
        var command = new Command("crl", "Write a certificate revocation list of the issuing CA (for rolesAnywhere.trustAnchors[].crl).") { ca, outFile, revoke, days, force };
        command.SetAction(parse => Guard(context, () =>
        {
            var caDir = parse.GetValue(ca)!;
            var issuing = new IssuedCertificate(
                ReadRequired(Path.Combine(caDir, DevCertificateAuthority.IssuingCertificateFile), "issuing CA certificate"),
                ReadRequired(Path.Combine(caDir, DevCertificateAuthority.IssuingKeyFile), "issuing CA key"));
            var target = parse.GetValue(outFile)!;
            RefuseOverwrite([target], parse.GetValue(force));
            var revoked = (parse.GetValue(revoke) ?? []).Select(path =>
            {
                var certificates = Pem.Certificates(ReadRequired(path, "--revoke certificate"));
                return certificates.Count > 0 ? certificates[0] : throw new PkiInputException($"--revoke {path} holds no PEM certificate");
            }).ToList();
            var crl = DevCertificateAuthority.CreateCrl(issuing, revoked, parse.GetValue(days), context.Time.GetUtcNow());
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            PkiFiles.WritePublic(target, crl, parse.GetValue(force));
            context.Out.WriteLine($"Wrote {target}: {revoked.Count} revoked certificate(s), next update due {CertificateFacts.Format(context.Time.GetUtcNow().AddDays(parse.GetValue(days)))}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Option<string> KeyAlgorithmOption()
    {
        var option = new Option<string>("--key-algorithm")
        {
            Description = "Key type: " + string.Join(", ", KeyAlgorithms.Names) + ".",
            DefaultValueFactory = _ => KeyAlgorithms.Names[0],
        };
        option.AcceptOnlyFromAmong([.. KeyAlgorithms.Names]);
        return option;
    }

    private static Option<bool> ForceOption() => new("--force") { Description = "Replace existing files (keys included)." };

    private static KeyAlgorithm ParseAlgorithm(string name) =>
        KeyAlgorithms.TryParse(name, out var algorithm) ? algorithm : throw new PkiInputException($"unknown key algorithm '{name}'");

    private static void RefuseOverwrite(IEnumerable<string> files, bool force)
    {
        var existing = PkiFiles.Existing(files);
        if (existing.Count > 0 && !force)
        {
            throw new PkiInputException($"{string.Join(", ", existing)} already exist(s); nothing was written. Use --force to replace (a replaced key is gone for good)");
        }
    }

    private static string ReadRequired(string path, string what)
    {
        if (!PkiFiles.Existing([path]).Any())
        {
            throw new PkiInputException($"{what} '{path}' does not exist");
        }

        try
        {
            return PkiFiles.ReadPem(path);
        }
        catch (IOException ex)
        {
            throw new PkiInputException($"{what} {ex.Message}", ex);
        }
    }

    private static List<X509Certificate2> LoadCertificates(string path, string option)
    {
        var text = ReadRequired(path, option);
        var certificates = new List<X509Certificate2>();
        try
        {
            foreach (var der in Pem.Certificates(text))
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(der));
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            certificates.ForEach(c => c.Dispose());
            throw new PkiInputException($"{option} {path}: not a valid PEM certificate ({ex.Message.TrimEnd('.')})", ex);
        }

        return certificates.Count > 0 ? certificates : throw new PkiInputException($"{option} {path} holds no PEM certificate ('-----BEGIN CERTIFICATE-----')");
    }

    /// <summary>Maps bad input (missing files, bad names, refusing to overwrite) to exit 2 with one line on stderr.</summary>
    private static int Guard(CliContext context, Func<int> run)
    {
        try
        {
            return run();
        }
        catch (Exception ex) when (ex is PkiInputException or IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"edgeiam pki: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }
}
