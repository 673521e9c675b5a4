using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeIam.App.RolesAnywhere;
using EdgeIam.Config.RolesAnywhere;
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
        var certificate = new Option<string>("--certificate") { Description = "Path of the device certificate on the device.", Required = true };
        var privateKey = new Option<string>("--private-key") { Description = "Path of the device private key on the device.", Required = true };
        var intermediates = new Option<string>("--intermediates") { Description = "Path of the intermediate CA bundle on the device (NAME.chain.pem), when the anchor is a root." };
        var awsProfile = new Option<string>("--aws-profile") { Description = "Name of the profile in ~/.aws/config. Default: the Roles Anywhere profile name." };
        var helper = new Option<string>("--signing-helper") { Description = "Path of aws_signing_helper on the device.", DefaultValueFactory = _ => "aws_signing_helper" };

        var command = new Command("device-config", "Print the ~/.aws/config profile (credential_process with aws_signing_helper) for a device, from `cdk deploy --outputs-file` output.")
        {
            assembly, outputs, stack, profile, role, anchor, certificate, privateKey, intermediates, awsProfile, helper,
        };
        command.SetAction(parse =>
        {
            try
            {
                var request = new DeviceConfigRequest(
                    parse.GetValue(outputs)!, parse.GetValue(stack), parse.GetValue(profile), parse.GetValue(role), parse.GetValue(anchor),
                    parse.GetValue(certificate)!, parse.GetValue(privateKey)!, parse.GetValue(intermediates), parse.GetValue(awsProfile), parse.GetValue(helper)!,
                    parse.GetValue(assembly)!);
                context.Out.Write(Render(request));
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
    internal static string Render(DeviceConfigRequest request)
    {
        var (stackName, values) = SelectStack(ReadOutputs(request.OutputsFile), request.Stack);
        var (profileName, profileArn) = Select(values, "RolesAnywhereProfile", "profile", "--profile", request.Profile, stackName);
        var (roleName, roleArn) = Select(values, "RolesAnywhereRole", "role", "--role", request.Role, stackName);
        var (anchorName, anchorArn) = Select(values, "RolesAnywhereTrustAnchor", "trust anchor", "--trust-anchor", request.TrustAnchor, stackName);
        var proof = Prove(request.Assembly, stackName, profileName, roleName, anchorName);
        (profileName, roleName, anchorName) = (proof.Profile, proof.Role, proof.Anchor);
        var region = ArnRegion().Match(profileArn) is { Success: true } m ? m.Groups["region"].Value
            : throw new DeviceConfigException($"output for profile {profileName} is not a Roles Anywhere profile ARN: '{profileArn}'");

        var arguments = new List<string> { request.SigningHelper, "credential-process", "--certificate", request.Certificate, "--private-key", request.PrivateKey };
        if (request.Intermediates is { } bundle)
        {
            arguments.AddRange(["--intermediates", bundle]);
        }

        arguments.AddRange(["--trust-anchor-arn", anchorArn, "--profile-arn", profileArn, "--role-arn", roleArn,
            "--session-duration", proof.DurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var awsProfile = request.AwsProfile ?? profileName;
        if (!AwsProfileName().IsMatch(awsProfile))
        {
            throw new DeviceConfigException($"'{awsProfile}' cannot be an AWS config profile name; use letters, digits, '-', '_' or '.' (--aws-profile)");
        }

        var text = new StringBuilder();
        text.Append("# IAM Roles Anywhere credentials for a device (").Append(stackName).Append(": trust anchor ").Append(anchorName)
            .Append(", profile ").Append(profileName).Append(", role ").Append(roleName).Append(").\n");
        text.Append("# Add to ~/.aws/config on the device; then: aws sts get-caller-identity --profile ").Append(awsProfile).Append('\n');
        text.Append("[profile ").Append(awsProfile).Append("]\n");
        text.Append("credential_process = ").AppendJoin(' ', arguments.Select(Quote)).Append('\n');
        text.Append("region = ").Append(region).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// Proves the chosen names against the template of <paramref name="stackName"/> and returns their stack-file names
    /// and the session duration; throws <see cref="DeviceConfigException"/> naming what is wrong and the valid choices.
    /// </summary>
    private static (string Profile, string Role, string Anchor, int DurationSeconds) Prove(string assemblyDir, string stackName, string profileKey, string roleKey, string anchorKey)
    {
        RolesAnywhereTemplate template;
        try
        {
            template = RolesAnywhereTemplate.Load(assemblyDir, stackName);
        }
        catch (TemplateException ex)
        {
            throw new DeviceConfigException($"{ex.Message}; device-config checks the outputs against the synthesized stack: pass --assembly DIR (the --out of `edgeiam synth`)", ex);
        }

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

        return (profile.DisplayName, role.ConfigName ?? role.LogicalId, anchor.Key, SessionDryRun.EffectiveDuration(profile, role));
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

    /// <summary>Shell-style quoting: the AWS CLI splits credential_process like a POSIX shell.</summary>
    private static string Quote(string argument)
    {
        if (PlainArgument().IsMatch(argument))
        {
            return argument;
        }

        if (argument.Contains('\'', StringComparison.Ordinal) || argument.Contains('\n', StringComparison.Ordinal))
        {
            throw new DeviceConfigException($"'{argument}' contains a quote or line break, which a credential_process line cannot carry safely; use a simpler path");
        }

        return "'" + argument + "'";
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    [GeneratedRegex(@"^arn:[a-z-]+:rolesanywhere:(?<region>[a-z0-9-]+):[0-9]{12}:profile/", RegexOptions.CultureInvariant)]
    private static partial Regex ArnRegion();

    [GeneratedRegex(@"^[A-Za-z0-9_.:/=+@%,~-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainArgument();

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
    string Assembly = "cdk.out");

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
