using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeIam.App.RolesAnywhere;
using EdgeIam.Pki;
using EdgeIam.Policy.Templates;

namespace EdgeIam.App.Commands;

/// <summary>
/// <c>edgeiam ra-session</c>: an offline dry run of IAM Roles Anywhere CreateSession
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/authentication-create-session.html) against the
/// synthesized cloud assembly; see <see cref="SessionDryRun"/> for the steps. Exit 0 a session would be issued,
/// 1 refused or cannot be proved (naming the step and the fix), 2 bad input.
/// </summary>
internal static class RaSessionCommand
{
    /// <summary>CreateSession accepts 900 s to 12 h (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/authentication-create-session.html).</summary>
    private const int MinDuration = 900;
    private const int MaxDuration = 43200;

    public static Command Create(CliContext context)
    {
        var assembly = PolicyCommandOptions.Assembly();
        var stack = new Option<string>("--stack") { Description = "Stack name (dev or EdgeIam-dev).", Required = true };
        var profile = new Option<string>("--profile") { Description = "Roles Anywhere profile name (rolesAnywhere.profiles[].name).", Required = true };
        var role = new Option<string>("--role") { Description = "Role name (rolesAnywhere.roles[].name).", Required = true };
        var certificate = new Option<string>("--certificate") { Description = "Device certificate (PEM); further certificates in the file count as intermediates.", Required = true };
        var intermediates = new Option<string>("--intermediates") { Description = "Intermediate CA certificates (PEM bundle), as the device sends them." };
        var anchor = new Option<string>("--trust-anchor") { Description = "Trust anchor the request names. Default: the first of the stack the chain verifies against." };
        var privateKey = new Option<string>("--private-key") { Description = "The device's private key (unencrypted PEM), to prove it is the certificate's key. Read only for the proof; never printed." };
        var duration = new Option<string>("--session-duration") { Description = "Requested session duration: seconds, or 15m, 1h (900 s to 12 h)." };
        var command = new Command("ra-session", "Dry-run IAM Roles Anywhere CreateSession offline: chain, CRL, profile, session tags, role trust and duration, step by step. Exit 0 a session would be issued, 1 refused, 2 bad input.")
        {
            assembly, stack, profile, role, certificate, intermediates, privateKey, anchor, duration,
        };
        command.SetAction(parse => Run(context, parse.GetValue(assembly)!, parse.GetValue(stack)!, parse.GetValue(profile)!, parse.GetValue(role)!,
            parse.GetValue(certificate)!, parse.GetValue(intermediates), parse.GetValue(privateKey), parse.GetValue(anchor), parse.GetValue(duration)));
        return command;
    }

    private static int Run(CliContext context, string assemblyDir, string stackName, string profileName, string roleName, string certificatePath, string? intermediatesPath, string? privateKeyPath, string? anchorName, string? durationText)
    {
        List<X509Certificate2> device = [];
        List<X509Certificate2> extra = [];
        try
        {
            var requested = durationText is null ? (int?)null : ParseDuration(durationText);
            var template = RolesAnywhereTemplate.Load(assemblyDir, stackName);
            var profile = template.FindProfile(profileName)
                ?? throw new BadInput($"{template.Stack.FilePath}: stack {template.Stack.Name} has no Roles Anywhere profile '{profileName}'; it has {Names(template.Profiles.Select(p => p.DisplayName))} (--profile)");
            var role = template.Stack.FindRole(roleName)
                ?? throw new BadInput($"{template.Stack.FilePath}: stack {template.Stack.Name} has no role '{roleName}'; Roles Anywhere roles: {Names(template.Profiles.SelectMany(p => p.Roles).Select(r => r.LogicalId is { } id ? template.Stack.FindRoleByLogicalId(id)?.ConfigName ?? id : r.Text).Distinct(StringComparer.Ordinal))} (--role)");
            if (anchorName is not null && template.FindAnchor(anchorName) is null)
            {
                throw new BadInput($"{template.Stack.FilePath}: stack {template.Stack.Name} has no trust anchor '{anchorName}'; it has {Names(template.Anchors.Select(a => a.Key))} (--trust-anchor)");
            }

            device = LoadCertificates(certificatePath, "--certificate");
            extra = intermediatesPath is null ? [] : LoadCertificates(intermediatesPath, "--intermediates");
            var key = privateKeyPath is null ? null : ReadKey(privateKeyPath);
            var request = new SessionRequest(profile.DisplayName, role.ConfigName ?? role.LogicalId, device[0], [.. device.Skip(1), .. extra], anchorName, requested, key);
            var outcome = SessionDryRun.Run(template, profile, role, request, context.Time.GetUtcNow());
            Render(context.Out, template, profile, role, outcome);
            return outcome.Issued ? ExitCodes.Ok : ExitCodes.Findings;
        }
        catch (BadInput ex)
        {
            context.Error.WriteLine($"edgeiam ra-session: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (TemplateException ex)
        {
            context.Error.WriteLine($"edgeiam ra-session: {ex.Message}");
            return ExitCodes.BadInput;
        }
        finally
        {
            device.ForEach(c => c.Dispose());
            extra.ForEach(c => c.Dispose());
        }
    }

    private static void Render(TextWriter output, RolesAnywhereTemplate template, RaProfile profile, RoleResource role, SessionOutcome outcome)
    {
        output.WriteLine($"CreateSession dry run, {template.Stack.StackId}: profile {profile.DisplayName}, role {role.ConfigName ?? role.LogicalId}");
        var number = 0;
        foreach (var step in outcome.Steps)
        {
            number++;
            var status = step.Status switch
            {
                StepStatus.Ok => "ok",
                StepStatus.Refused => "REFUSED",
                _ => "CANNOT PROVE",
            };
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{number}. {step.Name}: {status}"));
            foreach (var line in step.Lines)
            {
                output.WriteLine("   " + line);
            }

            if (step.Fix is { } fix)
            {
                output.WriteLine("   fix: " + fix);
            }
        }

        output.WriteLine(outcome.Issued
            ? "result: a session would be issued"
            : $"result: no session: {(outcome.Refusing!.Status == StepStatus.Refused ? "refused" : "cannot prove")} at step '{outcome.Refusing.Name}'");
    }

    internal static int ParseDuration(string text)
    {
        var trimmed = text.Trim();
        var unit = trimmed.Length > 0 ? trimmed[^1] : ' ';
        var (digits, factor) = unit switch
        {
            's' => (trimmed[..^1], 1),
            'm' => (trimmed[..^1], 60),
            'h' => (trimmed[..^1], 3600),
            _ => (trimmed, 1),
        };
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > MaxDuration)
        {
            throw new BadInput($"--session-duration '{text}': give seconds (3600) or minutes/hours (15m, 1h)");
        }

        var seconds = value * factor;
        return seconds is >= MinDuration and <= MaxDuration ? seconds
            : throw new BadInput(string.Create(CultureInfo.InvariantCulture, $"--session-duration '{text}' is {seconds} s; CreateSession accepts {MinDuration} s to {MaxDuration} s (15m to 12h)"));
    }

    private static List<X509Certificate2> LoadCertificates(string path, string option)
    {
        if (!PkiFiles.Existing([path]).Any())
        {
            throw new BadInput($"{option} '{path}' does not exist; give the device certificate file (NAME.crt written by `edgeiam pki issue`)");
        }

        string text;
        try
        {
            text = PkiFiles.ReadPem(path);
        }
        catch (IOException ex)
        {
            throw new BadInput($"{option} {ex.Message}");
        }

        var certificates = new List<X509Certificate2>();
        try
        {
            certificates.AddRange(Pem.Certificates(text).Select(der => X509CertificateLoader.LoadCertificate(der)));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            certificates.ForEach(c => c.Dispose());
            throw new BadInput($"{option} {path}: not a readable PEM certificate ({ex.Message.TrimEnd('.')}); give the PEM file `edgeiam pki issue` wrote");
        }

        return certificates.Count > 0 ? certificates : throw new BadInput($"{option} {path} holds no PEM certificate ('-----BEGIN CERTIFICATE-----'); convert DER with `openssl x509 -inform der -in FILE -out FILE.pem`");
    }

    private static string ReadKey(string path)
    {
        if (path.StartsWith("pkcs11:", StringComparison.OrdinalIgnoreCase) || path.StartsWith("handle:", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadInput($"--private-key '{path}' is a key in a token or TPM, which only the device can use; leave --private-key out here and prove it on the device with `aws_signing_helper sign-string`");
        }

        if (!PkiFiles.Existing([path]).Any())
        {
            throw new BadInput($"--private-key '{path}' does not exist; give the device's key file (NAME.key written by `edgeiam pki issue`)");
        }

        try
        {
            return PkiFiles.ReadPem(path);
        }
        catch (IOException ex)
        {
            throw new BadInput($"--private-key {ex.Message}");
        }
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    /// <summary>Bad input to ra-session: exit 2 with one line naming the file or option and the fix.</summary>
    private sealed class BadInput(string message) : Exception(message);
}
