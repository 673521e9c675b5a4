using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeIam.Pki;

namespace EdgeIam.App.Commands;

/// <summary>
/// <c>edgeiam pki init|issue|renew|revoke|crl|verify</c>: a development PKI for IAM Roles Anywhere. Contract: <c>init</c>
/// writes a root CA and an issuing CA (the trust anchor) and an empty revocation database; <c>issue</c> writes a device
/// certificate (CN = name, CA:FALSE, digitalSignature, clientAuth) with its key and chain; <c>renew</c> re-issues one
/// (same subject, new key by default); <c>revoke</c> records a revocation after proving this CA issued the
/// certificate; <c>crl</c> signs the whole database as the issuing CA's revocation list; <c>verify</c> exits 0 when
/// the chain reaches the anchor and no given CRL revokes it, 1 when not (naming the failing link or revocation and the
/// fix). Private keys
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
        command.Subcommands.Add(Renew(context));
        command.Subcommands.Add(Revoke(context));
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
            var files = new[]
                {
                    DevCertificateAuthority.RootCertificateFile, DevCertificateAuthority.RootKeyFile, DevCertificateAuthority.IssuingCertificateFile, DevCertificateAuthority.IssuingKeyFile,
                    RevocationDatabase.FileName, CrlState.FileName,
                }
                .Select(f => Path.Combine(dir, f)).ToArray();
            RefuseOverwrite(files, parse.GetValue(force));
            var ca = DevCertificateAuthority.Create(new DevCaOptions(parse.GetValue(name)!, ParseAlgorithm(parse.GetValue(algorithm)!), parse.GetValue(days)), context.Time.GetUtcNow());
            Directory.CreateDirectory(dir);
            var overwrite = parse.GetValue(force);
            PkiFiles.WritePrivateKey(files[1], ca.Root.PrivateKeyPem, overwrite);
            PkiFiles.WritePublic(files[0], ca.Root.CertificatePem, overwrite);
            PkiFiles.WritePrivateKey(files[3], ca.Issuing.PrivateKeyPem, overwrite);
            PkiFiles.WritePublic(files[2], ca.Issuing.CertificatePem, overwrite);
            // A new CA starts with no revocations and no CRL; --force replaces the CA, so its old state goes too.
            PkiFiles.WritePublic(files[4], RevocationDatabase.EmptyText, overwrite);
            CrlState.Initial.Save(dir, overwrite);

            using var issuing = X509Certificate2.CreateFromPem(ca.Issuing.CertificatePem);
            var output = context.Out;
            output.WriteLine($"Created a dev CA in {dir} (valid until {CertificateFacts.Format(CertificateFacts.NotAfter(issuing))}):");
            output.WriteLine($"  {files[0]}  root CA certificate");
            output.WriteLine($"  {files[1]}  root CA private key (0600): keep it offline; it only signs issuing CAs");
            output.WriteLine($"  {files[2]}  issuing CA certificate '{issuing.Subject}': the trust anchor (rolesAnywhere.trustAnchors[].certificate)");
            output.WriteLine($"  {files[3]}  issuing CA private key (0600): signs device certificates; never commit it");
            output.WriteLine($"  {files[4]}  revocation database (append-only; `pki revoke` adds to it, `pki crl` signs it)");
            output.WriteLine($"  {files[5]}  number and size of the last CRL (CRL numbers only increase)");
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
            var issuing = LoadIssuingCa(caDir);
            var dir = parse.GetValue(outDir)!;
            var overwrite = parse.GetValue(force);
            RefuseOverwrite(DeviceFiles(dir, deviceName, writeKey: true), overwrite);
            var device = DevCertificateAuthority.IssueDevice(issuing, deviceName, parse.GetValue(days), ParseAlgorithm(parse.GetValue(algorithm)!), context.Time.GetUtcNow());
            WriteDevice(context, caDir, dir, deviceName, device, overwrite, writeKey: true, "Issued");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Verify(CliContext context)
    {
        var anchor = new Option<string>("--anchor") { Description = "Trust anchor CA certificate (PEM), as configured in rolesAnywhere.trustAnchors. With --stack: optional, it picks the stack's anchor with this certificate." };
        var cert = new Option<string>("--cert") { Description = "Device certificate (PEM); further certificates in the file count as intermediates.", Required = true };
        var intermediates = new Option<string>("--intermediates") { Description = "Intermediate CA certificates (PEM bundle), as the device sends them." };
        var crls = new Option<string[]>("--crl") { Description = "CRL (PEM) of the anchor or an intermediate; a revoked, expired or foreign CRL makes the result untrusted. Repeatable.", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var stack = new Option<string>("--stack") { Description = "Verify against the trust anchors of this synthesized stack (dev or EdgeIam-dev) and the CRLs it imports for them." };
        var assembly = PolicyCommandOptions.Assembly();
        var trustAnchor = new Option<string>("--trust-anchor") { Description = "With --stack: the anchor (rolesAnywhere.trustAnchors[].name). Default: any anchor of the stack the chain verifies against." };
        var command = new Command("verify", "Tell whether a device certificate chains to a trust anchor and is not revoked; if not, which link fails and what to add. Exit 0 trusted, 1 untrusted, 2 bad input.")
        {
            anchor, cert, intermediates, crls, stack, assembly, trustAnchor,
        };
        command.SetAction(parse => Guard(context, () =>
        {
            if (parse.GetValue(stack) is { } stackName)
            {
                return PkiStackVerify.Run(context, new PkiStackVerify.Request(
                    parse.GetValue(assembly)!, stackName, parse.GetValue(trustAnchor), parse.GetValue(anchor), parse.GetValue(cert)!, parse.GetValue(intermediates), parse.GetValue(crls) ?? []));
            }

            if (parse.GetValue(trustAnchor) is not null)
            {
                throw new PkiInputException("--trust-anchor names an anchor of a stack: give --stack NAME as well, or the anchor's certificate with --anchor FILE");
            }

            var anchorCertificates = LoadCertificates(parse.GetValue(anchor) ?? throw new PkiInputException("give the trust anchor: --anchor FILE (its CA certificate), or --stack NAME to use the stack's anchors and the CRLs it imports"), "--anchor");
            var deviceCertificates = LoadCertificates(parse.GetValue(cert)!, "--cert");
            var extra = parse.GetValue(intermediates) is { } path ? LoadCertificates(path, "--intermediates") : [];
            try
            {
                var revocationLists = (parse.GetValue(crls) ?? []).Select(file => CrlSource.FromPem(file, ReadRequired(file, "--crl"))).ToList();
                if (anchorCertificates.Count != 1)
                {
                    throw new PkiInputException($"--anchor holds {anchorCertificates.Count} certificates; give the one CA certificate of the trust anchor");
                }

                var verdict = ChainVerifier.Verify(anchorCertificates[0], deviceCertificates[0], [.. deviceCertificates.Skip(1), .. extra], context.Time.GetUtcNow());
                var revocation = verdict.Trusted ? RevocationChecker.Check(verdict.Certificates, revocationLists, context.Time.GetUtcNow()) : [];
                if (verdict.Trusted && revocation.Count > 0)
                {
                    // Fail closed: a revoked certificate or a CRL that cannot be relied on both mean "untrusted".
                    context.Out.WriteLine($"untrusted: '{deviceCertificates[0].Subject}' chains to the trust anchor, but revocation checking fails:");
                    foreach (var problem in revocation)
                    {
                        context.Out.WriteLine("  " + problem);
                    }

                    context.Out.WriteLine("  chain: " + string.Join(" <- ", verdict.Path));
                    return ExitCodes.Findings;
                }

                if (verdict.Trusted)
                {
                    context.Out.WriteLine($"trusted: '{deviceCertificates[0].Subject}' chains to the trust anchor '{anchorCertificates[0].Subject}'");
                    foreach (var step in verdict.Path)
                    {
                        context.Out.WriteLine("  " + step);
                    }

                    if (revocationLists.Count > 0)
                    {
                        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  not revoked according to {revocationLists.Count} CRL(s): {string.Join(", ", revocationLists.Select(c => c.Name))}"));
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

    private static Command Renew(CliContext context)
    {
        var ca = new Option<string>("--ca") { Description = "Folder of the CA that issued --cert (issuing-ca.crt and issuing-ca.key).", Required = true };
        var cert = new Option<string>("--cert") { Description = "Device certificate (PEM) to renew; it must have been issued by --ca.", Required = true };
        var outDir = new Option<string>("--out") { Description = "Folder for NAME.crt, NAME.key and NAME.chain.pem (NAME = the certificate's CN; created if missing).", Required = true };
        var days = new Option<int>("--days") { Description = "Validity in days (short-lived by design).", DefaultValueFactory = _ => 1 };
        var reuseKey = new Option<bool>("--reuse-key") { Description = "Keep the device's key (give it with --key) instead of generating a new one." };
        var key = new Option<string>("--key") { Description = "The current private key of --cert (PEM), with --reuse-key." };
        var algorithm = new Option<string>("--key-algorithm") { Description = "Type of the new key: " + string.Join(", ", KeyAlgorithms.Names) + " (default: that of --cert)." };
        algorithm.AcceptOnlyFromAmong([.. KeyAlgorithms.Names]);
        var force = ForceOption();
        var command = new Command("renew", "Re-issue a device certificate of this CA: same subject, new serial, new key unless --reuse-key (rotation).")
        {
            ca, cert, outDir, days, reuseKey, key, algorithm, force,
        };
        command.SetAction(parse => Guard(context, () =>
        {
            var caDir = parse.GetValue(ca)!;
            var certPath = parse.GetValue(cert)!;
            var keyPath = parse.GetValue(key);
            var reuse = parse.GetValue(reuseKey);
            if (reuse != keyPath is not null)
            {
                throw new PkiInputException(reuse ? "--reuse-key needs --key FILE (the device's current private key)" : "--key is only used with --reuse-key; drop it to get a new key");
            }

            var issuing = LoadIssuingCa(caDir);
            using var caCertificate = LoadCaCertificate(caDir);
            var current = LoadCertificates(certPath, "--cert");
            try
            {
                ProveIssuedBy(current[0], caCertificate, certPath, caDir, "renew");
                var serial = SerialNumbers.Of(current[0]) ?? throw new PkiInputException($"--cert {certPath} has a zero or negative serial number (not RFC 5280 §4.1.2.2)");
                if (RevocationDatabase.Load(caDir).Find(serial) is { } revoked)
                {
                    throw new PkiInputException($"--cert {certPath} (serial {serial}) was revoked on {CertificateFacts.Format(revoked.RevokedAt)} ({revoked.ReasonName}); a revoked certificate is not renewed: issue a new one with `edgeiam pki issue`");
                }

                var name = current[0].GetNameInfo(X509NameType.SimpleName, forIssuer: false);
                if (!DevCertificateAuthority.IsValidDeviceName(name))
                {
                    throw new PkiInputException($"--cert {certPath}: its CN '{name}' is not usable as a file name; renew only device certificates made by `pki issue`");
                }

                var dir = parse.GetValue(outDir)!;
                var overwrite = parse.GetValue(force);
                RefuseOverwrite(DeviceFiles(dir, name, writeKey: !reuse), overwrite);
                var keyAlgorithm = parse.GetValue(algorithm) is { } chosen ? ParseAlgorithm(chosen) : KeyAlgorithms.Of(current[0]) ?? KeyAlgorithm.EcdsaP256;
                var reusedKey = keyPath is null ? null : ReadRequired(keyPath, "--key");
                var device = DevCertificateAuthority.RenewDevice(issuing, current[0], parse.GetValue(days), keyAlgorithm, reusedKey, context.Time.GetUtcNow());
                WriteDevice(context, caDir, dir, name, device, overwrite, writeKey: !reuse, "Renewed");
                context.Out.WriteLine($"  replaces serial {serial}; once the device uses the new certificate, retire the old one: edgeiam pki revoke --ca {caDir} --serial {serial} --reason superseded");
                return ExitCodes.Ok;
            }
            finally
            {
                current.ForEach(c => c.Dispose());
            }
        }));
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var ca = new Option<string>("--ca") { Description = "Folder of the CA (issuing-ca.crt; revocations.txt is kept there).", Required = true };
        var cert = new Option<string>("--cert") { Description = "Device certificate (PEM) to revoke; it must have been issued by --ca." };
        var serial = new Option<string>("--serial") { Description = "Serial number (hex) to revoke, when the certificate itself is gone." };
        var reason = ReasonOption();
        var command = new Command("revoke", "Record a revocation in the CA's database (revocations.txt); `pki crl` then publishes it.") { ca, cert, serial, reason };
        command.SetAction(parse => Guard(context, () =>
        {
            var caDir = parse.GetValue(ca)!;
            var certPath = parse.GetValue(cert);
            var serialText = parse.GetValue(serial);
            if (certPath is null == serialText is null)
            {
                throw new PkiInputException("give exactly one of --cert FILE or --serial HEX");
            }

            var reasonName = parse.GetValue(reason);
            using var caCertificate = LoadCaCertificate(caDir);
            var target = certPath is not null
                ? FromCertificate(caDir, caCertificate, certPath)
                : FromSerial(caDir, caCertificate, serialText!);
            using (CaFolderLock.Acquire(caDir))
            {
                var (entry, added) = Record(caDir, target.Serial, target.CommonName, reasonName, context.Time.GetUtcNow());
                context.Out.WriteLine(added
                    ? $"Revoked serial {entry.Serial} ('{entry.CommonName}') at {CertificateFacts.Format(entry.RevokedAt)}, reason {entry.ReasonName}: recorded in {Path.Combine(caDir, RevocationDatabase.FileName)}."
                    : $"Serial {entry.Serial} ('{entry.CommonName}') was already revoked on {CertificateFacts.Format(entry.RevokedAt)} ({entry.ReasonName}); nothing changed.");
                context.Out.WriteLine($"Publish it: edgeiam pki crl --ca {caDir} --out {Path.Combine(caDir, "issuing-ca.crl")} --force");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Crl(CliContext context)
    {
        var ca = new Option<string>("--ca") { Description = "Folder of the CA (issuing-ca.crt, issuing-ca.key, revocations.txt).", Required = true };
        var outFile = new Option<string>("--out") { Description = "CRL file to write (PEM), e.g. DIR/issuing-ca.crl.", Required = true };
        var revoke = new Option<string[]>("--revoke") { Description = "Device certificate (PEM) to revoke first (as `pki revoke --cert`, reason unspecified). Repeatable.", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var days = new Option<int>("--days") { Description = "Days until the next update is due.", DefaultValueFactory = _ => 30 };
        var force = ForceOption();
        var command = new Command("crl", "Sign every revocation in the CA's database as its CRL (for rolesAnywhere.trustAnchors[].crl), with an increasing CRL number.") { ca, outFile, revoke, days, force };
        command.SetAction(parse => Guard(context, () =>
        {
            var caDir = parse.GetValue(ca)!;
            var issuing = LoadIssuingCa(caDir);
            using var caCertificate = LoadCaCertificate(caDir);
            var target = parse.GetValue(outFile)!;
            RefuseOverwrite([target], parse.GetValue(force));
            // Prove every --revoke before recording any, so a bad one leaves the database as it was.
            var extra = (parse.GetValue(revoke) ?? []).Select(path => FromCertificate(caDir, caCertificate, path)).ToList();
            var now = context.Time.GetUtcNow();
            using (CaFolderLock.Acquire(caDir))
            {
                var database = RevocationDatabase.Load(caDir);
                var state = CrlState.Load(caDir);
                var pending = extra.Where(e => database.Find(e.Serial) is null).DistinctBy(e => e.Serial)
                    .Select(e => new Revocation(e.Serial, e.CommonName, now, null)).ToList();
                var entries = database.Entries.Concat(pending).ToList();
                RefuseShrink(caDir, caCertificate, target, state, entries.Count);
                var number = state.NextNumber(now);
                var crl = DevCertificateAuthority.CreateCrl(issuing, entries, number, parse.GetValue(days), now);
                foreach (var entry in pending)
                {
                    database = database.Append(entry);
                }

                // The number is reserved before the CRL is written: a crash in between skips a number, never reuses one.
                (state with { LastNumber = number, LastCount = entries.Count, Exists = true }).Save(caDir);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
                PkiFiles.WritePublic(target, crl, parse.GetValue(force));
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Wrote {target}: CRL number {number}, {entries.Count} revoked certificate(s), next update due {CertificateFacts.Format(now.AddDays(parse.GetValue(days)))}."));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A CRL must never list fewer certificates than the last one this CA signed (nor than the file it replaces).</summary>
    private static void RefuseShrink(string caDir, X509Certificate2 caCertificate, string target, CrlState state, int count)
    {
        if (count < state.LastCount)
        {
            throw new PkiInputException(string.Create(CultureInfo.InvariantCulture,
                $"{Path.Combine(caDir, RevocationDatabase.FileName)} lists {count} revocation(s), but the last CRL (number {state.LastNumber}) listed {state.LastCount}; nothing was written. A CRL never drops a revocation: restore the lost lines of the database"));
        }

        if (!File.Exists(target))
        {
            return;
        }

        try
        {
            var previous = CrlSource.FromPem(target, PkiFiles.ReadPem(target)).Crl;
            if (previous.Signed.IsSignedBy(caCertificate) && previous.Entries.Count > count)
            {
                throw new PkiInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{target} (CRL number {previous.Number}) lists {previous.Entries.Count} revoked certificate(s), the database only {count}; nothing was written. Restore the lost lines of {Path.Combine(caDir, RevocationDatabase.FileName)}"));
            }
        }
        catch (PkiInputException) when (!File.Exists(target))
        {
            // Gone meanwhile: nothing to compare with.
        }
    }

    /// <summary>What `revoke` records: the canonical serial and the CN.</summary>
    private sealed record RevocationTarget(string Serial, string CommonName);

    private static RevocationTarget FromCertificate(string caDir, X509Certificate2 caCertificate, string path)
    {
        var certificates = LoadCertificates(path, "--cert");
        try
        {
            ProveIssuedBy(certificates[0], caCertificate, path, caDir, "revoke");
            var serial = SerialNumbers.Of(certificates[0]) ?? throw new PkiInputException($"{path} has a zero or negative serial number (not RFC 5280 §4.1.2.2)");
            return new RevocationTarget(serial, CommonName(certificates[0]));
        }
        finally
        {
            certificates.ForEach(c => c.Dispose());
        }
    }

    private static RevocationTarget FromSerial(string caDir, X509Certificate2 caCertificate, string text)
    {
        var serial = SerialNumbers.TryNormalize(text)
            ?? throw new PkiInputException($"--serial '{text}' is not a serial number: give 1-40 hex digits of a positive number, e.g. from `openssl x509 -noout -serial -in FILE`");
        var issued = Path.Combine(caDir, IssuedFolder, serial + ".crt");
        if (!File.Exists(issued))
        {
            // The certificate is gone (that is why --serial exists): the serial alone is recorded, its CN unknown.
            return new RevocationTarget(serial, Revocation.UnknownCommonName);
        }

        return FromCertificate(caDir, caCertificate, issued);
    }

    /// <summary>Adds a revocation unless the serial is already revoked; a different explicit reason is refused (append-only).</summary>
    private static (Revocation Entry, bool Added) Record(string caDir, string serial, string commonName, string? reasonName, DateTimeOffset now)
    {
        X509RevocationReason? reason = null;
        if (reasonName is not null && !RevocationReasons.TryParse(reasonName, out reason))
        {
            throw new PkiInputException($"--reason '{reasonName}' is not one of {string.Join(", ", RevocationReasons.Names)}");
        }

        var database = RevocationDatabase.Load(caDir);
        if (database.Find(serial) is { } existing)
        {
            if (reasonName is not null && RevocationReasons.Name(reason) != existing.ReasonName)
            {
                throw new PkiInputException($"serial {serial} was already revoked on {CertificateFacts.Format(existing.RevokedAt)} with reason {existing.ReasonName}; the database is append-only, so the reason stays (nothing was written)");
            }

            return (existing, false);
        }

        var entry = new Revocation(serial, commonName, now, reason);
        database.Append(entry);
        return (entry, true);
    }

    private static void ProveIssuedBy(X509Certificate2 certificate, X509Certificate2 caCertificate, string path, string caDir, string action)
    {
        if (IssuerProof.WhyNotIssuedBy(certificate, caCertificate) is { } why)
        {
            throw new PkiInputException($"{path}: {why}; refusing to {action} it. Use the --ca folder of the CA that issued it (not {caDir})");
        }
    }

    private static string CommonName(X509Certificate2 certificate) =>
        certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) is { Length: > 0 } name ? name : Revocation.UnknownCommonName;

    private const string IssuedFolder = "issued";

    private static IssuedCertificate LoadIssuingCa(string caDir) => new(
        ReadRequired(Path.Combine(caDir, DevCertificateAuthority.IssuingCertificateFile), "issuing CA certificate"),
        ReadRequired(Path.Combine(caDir, DevCertificateAuthority.IssuingKeyFile), "issuing CA key"));

    private static X509Certificate2 LoadCaCertificate(string caDir)
    {
        var certificates = LoadCertificates(Path.Combine(caDir, DevCertificateAuthority.IssuingCertificateFile), "issuing CA certificate");
        certificates.Skip(1).ToList().ForEach(c => c.Dispose());
        return certificates[0];
    }

    private static string[] DeviceFiles(string dir, string name, bool writeKey) =>
        [.. new[] { name + ".crt", name + ".chain.pem" }.Concat(writeKey ? [name + ".key"] : []).Select(f => Path.Combine(dir, f))];

    /// <summary>
    /// Writes what `issue` and `renew` produce (key first, 0600; then certificate and chain) and keeps a copy of the
    /// certificate in the CA folder (issued/SERIAL.crt), so `revoke --serial` can name and prove it later.
    /// </summary>
    private static void WriteDevice(CliContext context, string caDir, string dir, string name, DeviceMaterial device, bool overwrite, bool writeKey, string verb)
    {
        var certFile = Path.Combine(dir, name + ".crt");
        var keyFile = Path.Combine(dir, name + ".key");
        var chainFile = Path.Combine(dir, name + ".chain.pem");
        Directory.CreateDirectory(dir);
        if (writeKey)
        {
            PkiFiles.WritePrivateKey(keyFile, device.Device.PrivateKeyPem, overwrite);
        }

        PkiFiles.WritePublic(certFile, device.Device.CertificatePem, overwrite);
        PkiFiles.WritePublic(chainFile, device.ChainPem, overwrite);
        using var certificate = X509Certificate2.CreateFromPem(device.Device.CertificatePem);
        var issued = Path.Combine(caDir, IssuedFolder);
        Directory.CreateDirectory(issued);
        PkiFiles.WritePublic(Path.Combine(issued, SerialNumbers.Of(certificate) + ".crt"), device.Device.CertificatePem, overwrite: true);

        context.Out.WriteLine($"{verb} '{certificate.Subject}' (serial {SerialNumbers.Of(certificate)}), valid until {CertificateFacts.Format(CertificateFacts.NotAfter(certificate))}:");
        context.Out.WriteLine($"  {certFile}  device certificate");
        context.Out.WriteLine(writeKey ? $"  {keyFile}  device private key (0600): copy it to the device only" : "  (the device keeps its current private key: --reuse-key)");
        context.Out.WriteLine($"  {chainFile}  intermediates (the issuing CA), for --intermediates when the trust anchor is the root");
        context.Out.WriteLine($"Check it: edgeiam pki verify --anchor {Path.Combine(caDir, DevCertificateAuthority.IssuingCertificateFile)} --cert {certFile}");
    }

    private static Option<string> ReasonOption()
    {
        var option = new Option<string>("--reason") { Description = "RFC 5280 §5.3.1 reason: " + string.Join(", ", RevocationReasons.Names) + " (default: none given, no reasonCode)." };
        option.AcceptOnlyFromAmong([.. RevocationReasons.Names]);
        return option;
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

    internal static string ReadRequired(string path, string what)
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

    internal static List<X509Certificate2> LoadCertificates(string path, string option)
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
