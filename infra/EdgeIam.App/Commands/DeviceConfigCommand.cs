using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeIam.App.RolesAnywhere;
using EdgeIam.Config.RolesAnywhere;
using EdgeIam.Pki;
using EdgeIam.Policy.Templates;
using EdgeIam.Shared;

namespace EdgeIam.App.Commands;

/// <summary>
/// <c>edgeiam device-config</c>: turns the outputs file of <c>cdk deploy --outputs-file</c> into the
/// <c>~/.aws/config</c> profile a device needs: a <c>credential_process</c> line running aws_signing_helper
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/credential-helper.html) with the trust anchor,
/// profile and role ARNs of the deployed stack. Before writing, it proves the combination against the synthesized
/// template (<c>--assembly</c>): the profile lists the role, and the role's trust policy accepts the trust anchor
/// (<c>aws:SourceArn</c>, https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html#trust-policy);
/// the session duration passed is the profile's durationSeconds (capped by the role's MaxSessionDuration).
/// </summary>
public static partial class DeviceConfigCommand
{
    public static Command Create(CliContext context)
    {
        var assembly = PolicyCommandOptions.Assembly();
        var outputs = new Option<string>("--outputs") { Description = "Outputs file written by `cdk deploy --outputs-file FILE`.", Required = true };
        var stack = new Option<string>("--stack") { Description = "Stack name (dev or EdgeIam-dev). Default: the only stack in the file with Roles Anywhere outputs." };
        var profile = new Option<string>("--profile") { Description = "Roles Anywhere profile name (rolesAnywhere.profiles[].name). Default: the only one." };
        var role = new Option<string>("--role") { Description = "Role name (rolesAnywhere.roles[].name). Default: the only one." };
        var anchor = new Option<string>("--trust-anchor") { Description = "Trust anchor the device certificate chains to. Default: the only one." };
        var certificate = new Option<string>("--certificate") { Description = "Path of the device certificate on the device, or a PKCS#11 URI (pkcs11:...) when it is in a token.", Required = true };
        var privateKey = new Option<string>("--private-key") { Description = "The device key: a file path on the device (PEM, or a TPM-wrapped TSS2 key file), a PKCS#11 URI (pkcs11:...), or a TPM persistent handle (handle:0x81000001).", Required = true };
        var intermediates = new Option<string>("--intermediates") { Description = "Path of the intermediate CA bundle on the device (NAME.chain.pem), when the anchor is a root." };
        var awsProfile = new Option<string>("--aws-profile") { Description = "Name of the profile in ~/.aws/config (or ~/.aws/credentials with --mode update). Default: the Roles Anywhere profile name." };
        var helper = new Option<string>("--signing-helper") { Description = "Path of aws_signing_helper on the device.", DefaultValueFactory = _ => "aws_signing_helper" };
        var mode = new Option<string>("--mode") { Description = "credential-process (a ~/.aws/config profile), serve (a systemd unit for a local IMDSv2-style endpoint) or update (a systemd unit keeping a credentials-file profile fresh).", DefaultValueFactory = _ => "credential-process" };
        mode.AcceptOnlyFromAmong("credential-process", "serve", "update");
        var port = new Option<int>("--port") { Description = "Port of `serve` on 127.0.0.1.", DefaultValueFactory = _ => SigningHelperConfig.DefaultPort };
        var serviceUser = new Option<string>("--service-user") { Description = "User the serve/update unit runs as (it must be able to use the key).", DefaultValueFactory = _ => "edgeiam" };
        var pkcs11Lib = new Option<string>("--pkcs11-lib") { Description = "PKCS#11 provider library, for devices without p11-kit (the helper's --pkcs11-lib)." };
        var reusePin = new Option<bool>("--reuse-pin") { Description = "Pass the helper's --reuse-pin (PKCS#11 keys with CKA_ALWAYS_AUTHENTICATE, unattended)." };
        var checkCertificate = new Option<string>("--check-certificate") { Description = "A local copy of the device certificate: refused unless it chains to the anchor, is not revoked and its CN is accepted by the role. Default: --certificate, when that file is on this machine." };

        var command = new Command("device-config", "Print the device's aws_signing_helper configuration (a credential_process profile, or a systemd unit for serve/update), from `cdk deploy --outputs-file` output, proved against the stack.")
        {
            assembly, outputs, stack, profile, role, anchor, certificate, privateKey, intermediates, awsProfile, helper, mode, port, serviceUser, pkcs11Lib, reusePin, checkCertificate,
        };
        command.SetAction(parse =>
        {
            try
            {
                var request = new DeviceConfigRequest(
                    parse.GetValue(outputs)!, parse.GetValue(stack), parse.GetValue(profile), parse.GetValue(role), parse.GetValue(anchor),
                    parse.GetValue(certificate)!, parse.GetValue(privateKey)!, parse.GetValue(intermediates), parse.GetValue(awsProfile), parse.GetValue(helper)!,
                    parse.GetValue(assembly)!)
                {
                    Mode = SigningHelperConfig.ParseMode(parse.GetValue(mode)!),
                    Port = parse.GetValue(port),
                    ServiceUser = parse.GetValue(serviceUser)!,
                    Pkcs11Library = parse.GetValue(pkcs11Lib),
                    ReusePin = parse.GetValue(reusePin),
                    CheckCertificate = parse.GetValue(checkCertificate),
                };
                context.Out.Write(Render(request, context.Time.GetUtcNow()));
                return ExitCodes.Ok;
            }
            catch (DeviceConfigException ex)
            {
                context.Error.WriteLine($"edgeiam device-config: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    /// <summary>The profile text for <paramref name="request"/>; throws <see cref="DeviceConfigException"/> on bad input.</summary>
    internal static string Render(DeviceConfigRequest request, DateTimeOffset now)
    {
        var (stackName, values) = SelectStack(ReadOutputs(request.OutputsFile), request.Stack);
        var (profileName, profileArn) = Select(values, "RolesAnywhereProfile", "profile", "--profile", request.Profile, stackName);
        // Read once, when first needed: choosing a role without an output needs it, and so does the proof.
        var stackTemplate = new Lazy<(RolesAnywhereTemplate? Template, TemplateException? Refusal)>(() =>
        {
            try
            {
                return (RolesAnywhereTemplate.Load(request.Assembly, stackName), null);
            }
            catch (TemplateException ex)
            {
                return (null, ex);
            }
        });
        var (roleName, roleArn) = SelectRole(values, request.Role, stackName, stackTemplate);
        var (anchorName, anchorArn) = Select(values, "RolesAnywhereTrustAnchor", "trust anchor", "--trust-anchor", request.TrustAnchor, stackName);
        var proof = Prove(request, stackTemplate.Value, profileName, roleName, anchorName, now);
        var profileMatch = ArnRegion().Match(profileArn);
        var region = profileMatch.Success ? profileMatch.Groups["region"].Value
            : throw new DeviceConfigException($"output for profile {proof.Profile} is not a Roles Anywhere profile ARN: '{profileArn}'");
        roleArn ??= DerivedRoleArn(profileMatch, proof.RoleResource, stackName);
        var awsProfile = request.AwsProfile ?? proof.Profile;
        if (!AwsProfileName().IsMatch(awsProfile))
        {
            throw new DeviceConfigException($"'{awsProfile}' cannot be an AWS config profile name; use letters, digits, '-', '_' or '.' (--aws-profile)");
        }

        if (request.Port is < 1 or > 65535)
        {
            throw new DeviceConfigException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"--port {request.Port} is not a TCP port; give 1 to 65535 (the helper's default is {SigningHelperConfig.DefaultPort})"));
        }

        if (!ServiceUserName().IsMatch(request.ServiceUser))
        {
            throw new DeviceConfigException($"--service-user '{request.ServiceUser}' is not a user name a unit file can carry; use letters, digits, '_', '-' or '.', starting with a letter or '_'");
        }

        return SigningHelperConfig.Render(request.Mode, new SigningHelperSettings(
            stackName, proof.Anchor, proof.Profile, proof.Role, anchorArn, profileArn, roleArn, region, proof.DurationSeconds,
            request.Certificate, request.PrivateKey, request.Intermediates, request.Pkcs11Library, request.ReusePin, awsProfile, request.SigningHelper,
            request.Port, request.ServiceUser, proof.CertificateCheck));
    }

    /// <summary>
    /// Proves the chosen names against the stack's template (<paramref name="loaded"/>, or why it could not be read) and returns their stack-file names
    /// and the session duration; throws <see cref="DeviceConfigException"/> naming what is wrong and the valid choices.
    /// </summary>
    private static (string Profile, string Role, string Anchor, int DurationSeconds, string CertificateCheck, RoleResource RoleResource) Prove(DeviceConfigRequest request, (RolesAnywhereTemplate? Template, TemplateException? Refusal) loaded, string profileKey, string roleKey, string anchorKey, DateTimeOffset now)
    {
        if (loaded.Refusal is { } ex)
        {
            throw new DeviceConfigException($"{ex.Message}; device-config checks the outputs against the synthesized stack: pass --assembly DIR (the --out of `edgeiam synth`)", ex);
        }

        var template = loaded.Template!;

        var file = template.Stack.FilePath;
        var profile = template.Profiles.FirstOrDefault(p => Matches(p.DisplayName, profileKey))
            ?? throw new DeviceConfigException($"{file}: stack {template.Stack.Name} has no Roles Anywhere profile '{profileKey}' (the outputs file and the assembly disagree: synth and deploy the same stack files); profiles: {Names(template.Profiles.Select(p => p.DisplayName))}");
        var listed = profile.Roles.Select(r => r.LogicalId is { } id ? template.Stack.FindRoleByLogicalId(id) : null).OfType<RoleResource>().ToList();
        var role = listed.FirstOrDefault(r => Matches(r.ConfigName ?? r.LogicalId, roleKey));
        if (role is null)
        {
            var exists = template.Stack.Roles.Any(r => Matches(r.ConfigName ?? r.LogicalId, roleKey));
            throw new DeviceConfigException($"{file}: profile {profile.DisplayName} does not list role '{roleKey}'{(exists ? string.Empty : " (no such role in the stack)")}, so CreateSession would refuse it; choose --role from {Names(listed.Select(r => r.ConfigName ?? r.LogicalId))}, or add the role to rolesAnywhere.profiles[{profile.DisplayName}].roles");
        }

        var anchor = template.Anchors.FirstOrDefault(a => Matches(a.Key, anchorKey))
            ?? throw new DeviceConfigException($"{file}: stack {template.Stack.Name} has no trust anchor '{anchorKey}'; trust anchors: {Names(template.Anchors.Select(a => a.Key))}");
        if (DeviceTrust.AnchorRefusal(template.Stack, role, anchor) is { } refusal)
        {
            var accepted = template.Anchors.Where(a => DeviceTrust.AnchorRefusal(template.Stack, role, a) is null).Select(a => a.Key);
            throw new DeviceConfigException($"{file}: {refusal}, so CreateSession would refuse this device; choose --trust-anchor from {Names(accepted)}");
        }

        if (!profile.Enabled)
        {
            throw new DeviceConfigException($"{file}: profile {profile.DisplayName} is disabled; enable it in the stack file and deploy");
        }

        return (profile.DisplayName, role.ConfigName ?? role.LogicalId, anchor.Key, SessionDryRun.EffectiveDuration(profile, role), CheckCertificate(request, template, profile, role, anchor, now), role);
    }

    /// <summary>
    /// Runs the CreateSession dry run (<see cref="SessionDryRun"/>) on a local copy of the device certificate, so a
    /// config is never written for a certificate that does not chain to the anchor, is revoked, or whose CN the
    /// role's allowedSubjects reject; returns the comment line that says what was checked.
    /// </summary>
    private static string CheckCertificate(DeviceConfigRequest request, RolesAnywhereTemplate template, RaProfile profile, RoleResource role, RaAnchor anchor, DateTimeOffset now)
    {
        var local = request.CheckCertificate
            ?? (!request.Certificate.StartsWith("pkcs11:", StringComparison.OrdinalIgnoreCase) && InputFile.Exists(request.Certificate) ? request.Certificate : null);
        if (local is null)
        {
            return "# certificate not checked: no local copy (pass --check-certificate FILE to prove its chain, revocation and CN against the stack)";
        }

        if (!InputFile.Exists(local))
        {
            throw new DeviceConfigException($"--check-certificate '{local}' does not exist; give a local copy of the device certificate (NAME.crt from `edgeiam pki issue`)");
        }

        List<X509Certificate2> certificates;
        try
        {
            certificates = PkiCommand.LoadCertificates(local, "--check-certificate");
        }
        catch (Exception ex) when (ex is PkiInputException or IOException)
        {
            throw new DeviceConfigException(ex.Message, ex);
        }

        try
        {
            var intermediates = request.Intermediates is { } path && InputFile.Exists(path) ? PkiCommand.LoadCertificates(path, "--intermediates") : [];
            try
            {
                var outcome = SessionDryRun.Run(template, profile, role,
                    new SessionRequest(profile.DisplayName, role.ConfigName ?? role.LogicalId, certificates[0], [.. certificates.Skip(1), .. intermediates], anchor.Key, null),
                    now);
                if (outcome.Refusing is { } refusing)
                {
                    var why = refusing.Lines.Count > 0 ? refusing.Lines[^1] : refusing.Name;
                    throw new DeviceConfigException($"{template.Stack.FilePath}: certificate {local} ('{certificates[0].Subject}') would get no session: {(refusing.Status == StepStatus.Refused ? "refused" : "cannot prove")} at step '{refusing.Name}': {why}{(refusing.Fix is { } fix ? "; fix: " + fix : string.Empty)} (details: edgeiam ra-session)");
                }

                return $"# certificate checked: '{certificates[0].Subject}' chains to {anchor.Key}, is not revoked by the CRLs the stack imports, and {role.ConfigName ?? role.LogicalId}'s trust accepts it";
            }
            finally
            {
                intermediates.ForEach(c => c.Dispose());
            }
        }
        catch (PkiInputException ex)
        {
            throw new DeviceConfigException(ex.Message, ex);
        }
        finally
        {
            certificates.ForEach(c => c.Dispose());
        }
    }

    /// <summary>A stack-file name matches a name from the outputs (Pascal form) or as the user typed it.</summary>
    private static bool Matches(string name, string key) => name == key || RolesAnywhereNames.Pascal(name) == key || RolesAnywhereNames.Pascal(name) == RolesAnywhereNames.Pascal(key);

    private static Dictionary<string, Dictionary<string, string>> ReadOutputs(string file)
    {
        if (!InputFile.Exists(file))
        {
            throw new DeviceConfigException($"outputs file '{file}' does not exist; write it with `cdk deploy --outputs-file {file}`");
        }

        string text;
        try
        {
            text = InputFile.ReadAllText(file, InputFileLimit.Outputs);
        }
        catch (InputFileException ex)
        {
            throw new DeviceConfigException($"outputs file {ex.Message}", ex);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var stacks = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            foreach (var stack in document.RootElement.EnumerateObject())
            {
                stacks[stack.Name] = stack.Value.EnumerateObject()
                    .Where(o => o.Value.ValueKind == JsonValueKind.String)
                    .ToDictionary(o => o.Name, o => o.Value.GetString()!, StringComparer.Ordinal);
            }

            return stacks;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new DeviceConfigException($"outputs file '{file}' is not the JSON `cdk deploy --outputs-file` writes ({{\"Stack\": {{\"Output\": \"value\"}}}}): {ex.Message}");
        }
    }

    private static (string Name, Dictionary<string, string> Values) SelectStack(Dictionary<string, Dictionary<string, string>> stacks, string? requested)
    {
        if (requested is not null)
        {
            foreach (var candidate in new[] { requested, "EdgeIam-" + requested })
            {
                if (stacks.TryGetValue(candidate, out var values))
                {
                    return (candidate, values);
                }
            }

            throw new DeviceConfigException($"stack '{requested}' is not in the outputs file; it holds {Names(stacks.Keys)}");
        }

        var withRolesAnywhere = stacks.Where(s => s.Value.Keys.Any(k => k.StartsWith("RolesAnywhereProfile", StringComparison.Ordinal))).ToList();
        return withRolesAnywhere.Count switch
        {
            1 => (withRolesAnywhere[0].Key, withRolesAnywhere[0].Value),
            0 => throw new DeviceConfigException("no stack in the outputs file has Roles Anywhere outputs; deploy a stack with a rolesAnywhere section first"),
            _ => throw new DeviceConfigException($"several stacks have Roles Anywhere outputs ({Names(withRolesAnywhere.Select(s => s.Key))}); choose one with --stack"),
        };
    }

    /// <summary>
    /// The role by <c>--role</c>, with its ARN output when the stack has one (null otherwise: a role in a nested
    /// template of a split stack has no output, see README "Past 500 resources", and its ARN is derived once the
    /// template proves the role). Without <c>--role</c>, the only role output, as for profiles and anchors.
    /// </summary>
    private static (string Name, string? Arn) SelectRole(Dictionary<string, string> values, string? requested, string stack, Lazy<(RolesAnywhereTemplate? Template, TemplateException? Refusal)> template)
    {
        if (requested is not null && !values.ContainsKey(RolesAnywhereNames.RoleOutput(requested)) && InTemplate(requested))
        {
            return (requested, null);
        }

        return Select(values, "RolesAnywhereRole", "role", "--role", requested, stack);

        // An unreadable template is reported by Prove, with its fix.
        bool InTemplate(string role) => template.Value.Template?.Stack.Roles.Any(r => Matches(r.ConfigName ?? r.LogicalId, role)) ?? false;
    }

    /// <summary>
    /// The ARN of a role without an output: <c>arn:PARTITION:iam::ACCOUNT:role/ROLENAME</c>, partition and account
    /// from the deployed profile's ARN, the name from the template (EdgeIam sets every role's name and no path).
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
    /// </summary>
    private static string DerivedRoleArn(Match profileArn, RoleResource role, string stack)
    {
        var name = role.RoleName;
        if (name is null || !RoleNamePattern().IsMatch(name))
        {
            throw new DeviceConfigException($"{stack} has no output with the ARN of role {role.ConfigName ?? role.LogicalId}, and its RoleName in the template is {(name is null ? "not set" : $"'{name}', not a literal name")}, so its ARN cannot be derived; pass the outputs of a stack that has the output");
        }

        return $"arn:{profileArn.Groups["partition"].Value}:iam::{profileArn.Groups["account"].Value}:role/{name}";
    }

    /// <summary>
    /// The output named by config name (or its output form) <paramref name="requested"/>, or the only one of its kind.
    /// Output keys are <c>&lt;prefix&gt;&lt;Pascal name&gt;Arn</c> (<see cref="RolesAnywhereNames"/>).
    /// </summary>
    private static (string Name, string Arn) Select(Dictionary<string, string> values, string prefix, string what, string option, string? requested, string stack)
    {
        var available = values.Where(v => v.Key.StartsWith(prefix, StringComparison.Ordinal) && v.Key.EndsWith("Arn", StringComparison.Ordinal))
            .Select(v => (Name: v.Key[prefix.Length..^"Arn".Length], Arn: v.Value))
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
        if (requested is not null)
        {
            var key = RolesAnywhereNames.Pascal(requested);
            return available.FirstOrDefault(v => v.Name == key) is { Arn: not null } found
                ? (requested, found.Arn)
                : throw new DeviceConfigException($"{stack} has no {what} '{requested}'; it has {Names(available.Select(a => a.Name))}");
        }

        return available.Count switch
        {
            1 => available[0],
            0 => throw new DeviceConfigException($"{stack} has no {what} outputs"),
            _ => throw new DeviceConfigException($"{stack} has several {what}s ({Names(available.Select(a => a.Name))}); choose one with {option}"),
        };
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):rolesanywhere:(?<region>[a-z0-9-]+):(?<account>[0-9]{12}):profile/", RegexOptions.CultureInvariant)]
    private static partial Regex ArnRegion();

    /// <summary>IAM role names: 1-64 of letters, digits and <c>+=,.@_-</c> (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html).</summary>
    [GeneratedRegex(@"^[A-Za-z0-9+=,.@_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleNamePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceUserName();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex AwsProfileName();
}

/// <summary>What <c>device-config</c> was asked for.</summary>
internal sealed record DeviceConfigRequest(
    string OutputsFile,
    string? Stack,
    string? Profile,
    string? Role,
    string? TrustAnchor,
    string Certificate,
    string PrivateKey,
    string? Intermediates,
    string? AwsProfile,
    string SigningHelper,
    string Assembly = "cdk.out")
{
    public SigningHelperMode Mode { get; init; } = SigningHelperMode.CredentialProcess;

    public int Port { get; init; } = SigningHelperConfig.DefaultPort;

    public string ServiceUser { get; init; } = "edgeiam";

    public string? Pkcs11Library { get; init; }

    public bool ReusePin { get; init; }

    /// <summary>A local copy of the device certificate to prove against the stack (default: <see cref="Certificate"/> when it is a local file).</summary>
    public string? CheckCertificate { get; init; }
}

/// <summary>Bad input to <c>device-config</c>: exit 2 with one line on stderr.</summary>
public sealed class DeviceConfigException : Exception
{
    public DeviceConfigException()
    {
    }

    public DeviceConfigException(string message)
        : base(message)
    {
    }

    public DeviceConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
