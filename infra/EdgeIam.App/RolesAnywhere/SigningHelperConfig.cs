using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EdgeIam.App.Commands;

namespace EdgeIam.App.RolesAnywhere;

/// <summary>How aws_signing_helper hands credentials to the device's software (its README, "credential-process", "update", "serve").</summary>
internal enum SigningHelperMode
{
    /// <summary><c>credential_process</c> in <c>~/.aws/config</c>: the SDK runs the helper when it needs credentials.</summary>
    CredentialProcess,

    /// <summary>A local IMDSv2-compatible endpoint on 127.0.0.1 (<c>aws_signing_helper serve</c>), for several processes.</summary>
    Serve,

    /// <summary>A credentials-file profile the helper keeps fresh (<c>aws_signing_helper update</c>).</summary>
    Update,
}

/// <summary>Where the device's key (and maybe certificate) lives: a PEM or TPM-wrapped key file, a PKCS#11 token, a TPM handle.</summary>
internal enum KeySource
{
    File,
    Pkcs11,
    TpmHandle,
}

/// <summary>The resolved ARNs, names and device paths that a helper configuration is written from.</summary>
internal sealed record SigningHelperSettings(
    string StackName,
    string AnchorName,
    string ProfileName,
    string RoleName,
    string AnchorArn,
    string ProfileArn,
    string RoleArn,
    string Region,
    int DurationSeconds,
    string Certificate,
    string PrivateKey,
    string? Intermediates,
    string? Pkcs11Library,
    bool ReusePin,
    string AwsProfile,
    string SigningHelper,
    int Port,
    string ServiceUser,
    string CertificateCheck);

/// <summary>
/// Writes the device side of Roles Anywhere for aws_signing_helper
/// (https://github.com/aws/rolesanywhere-credential-helper#readme and
/// https://docs.aws.amazon.com/rolesanywhere/latest/userguide/credential-helper.html): a <c>credential_process</c>
/// profile, or a systemd unit running <c>serve</c> (with the <c>AWS_EC2_METADATA_SERVICE_ENDPOINT</c> the SDKs need)
/// or <c>update</c>. Key sources are the helper's own: a key file (plain PEM, or a TPM-wrapped
/// <c>-----BEGIN TSS2 PRIVATE KEY-----</c> file, which the helper reads transparently), a PKCS#11 URI (RFC 7512) for
/// the key and optionally the certificate, or a TPM persistent handle (<c>handle:0x81…</c>).
/// </summary>
internal static partial class SigningHelperConfig
{
    /// <summary>The port <c>serve</c> listens on by default (helper README, "serve").</summary>
    public const int DefaultPort = 9911;

    public static SigningHelperMode ParseMode(string text) => text switch
    {
        "credential-process" => SigningHelperMode.CredentialProcess,
        "serve" => SigningHelperMode.Serve,
        "update" => SigningHelperMode.Update,
        _ => throw new DeviceConfigException($"--mode '{text}' is not a mode of aws_signing_helper that device-config writes; use credential-process, serve or update"),
    };

    /// <summary>
    /// The key source of a <c>--private-key</c> value; refuses what the helper cannot use or what would put a secret
    /// into a config file (a PKCS#11 URI with <c>pin-value</c>).
    /// </summary>
    public static KeySource KeySourceOf(string value, string option)
    {
        if (value.StartsWith("pkcs11:", StringComparison.OrdinalIgnoreCase))
        {
            if (!Pkcs11Uri().IsMatch(value))
            {
                throw new DeviceConfigException($"{option} '{value}' is not a PKCS#11 URI (RFC 7512: pkcs11:attr=value;..., with %XX escapes and no spaces or quotes), e.g. pkcs11:token=edge;object=device-key");
            }

            if (value.Contains("pin-value=", StringComparison.OrdinalIgnoreCase))
            {
                throw new DeviceConfigException($"{option}: the PKCS#11 URI carries pin-value, which would write the token PIN into a config file; remove it and give the PIN to the helper another way (its README, \"PKCS#11 Integration\")");
            }

            return KeySource.Pkcs11;
        }

        if (value.StartsWith("handle:", StringComparison.OrdinalIgnoreCase))
        {
            // TPM 2.0 persistent object handles are 0x81000000-0x81FFFFFF (TPM 2.0 Part 2, 7.2 "TPM_HT").
            return TpmHandle().IsMatch(value) ? KeySource.TpmHandle
                : throw new DeviceConfigException($"{option} '{value}' is not a TPM persistent handle; give handle:0x81XXXXXX (8 hex digits, 0x81000000 to 0x81FFFFFF, as tpm2_evictcontrol prints it)");
        }

        return KeySource.File;
    }

    public static string Render(SigningHelperMode mode, SigningHelperSettings settings)
    {
        var keySource = KeySourceOf(settings.PrivateKey, "--private-key");
        if (settings.Certificate.StartsWith("pkcs11:", StringComparison.OrdinalIgnoreCase))
        {
            KeySourceOf(settings.Certificate, "--certificate");
        }

        if (settings.Pkcs11Library is not null && keySource != KeySource.Pkcs11)
        {
            throw new DeviceConfigException("--pkcs11-lib applies to a key in a PKCS#11 token; give --private-key as a pkcs11: URI, or leave --pkcs11-lib out");
        }

        if (settings.ReusePin && keySource != KeySource.Pkcs11)
        {
            throw new DeviceConfigException("--reuse-pin applies to a key in a PKCS#11 token; give --private-key as a pkcs11: URI, or leave --reuse-pin out");
        }

        var command = mode switch
        {
            SigningHelperMode.Serve => "serve",
            SigningHelperMode.Update => "update",
            _ => "credential-process",
        };
        var arguments = new List<string> { settings.SigningHelper, command, "--certificate", settings.Certificate, "--private-key", settings.PrivateKey };
        if (settings.Intermediates is { } bundle)
        {
            arguments.AddRange(["--intermediates", bundle]);
        }

        if (settings.Pkcs11Library is { } library)
        {
            arguments.AddRange(["--pkcs11-lib", library]);
        }

        if (settings.ReusePin)
        {
            arguments.Add("--reuse-pin");
        }

        arguments.AddRange(["--trust-anchor-arn", settings.AnchorArn, "--profile-arn", settings.ProfileArn, "--role-arn", settings.RoleArn,
            "--session-duration", settings.DurationSeconds.ToString(CultureInfo.InvariantCulture)]);
        if (mode == SigningHelperMode.Serve)
        {
            arguments.AddRange(["--port", settings.Port.ToString(CultureInfo.InvariantCulture)]);
        }
        else if (mode == SigningHelperMode.Update)
        {
            arguments.AddRange(["--profile", settings.AwsProfile]);
        }

        var keyLine = keySource switch
        {
            KeySource.Pkcs11 => "# key: in a PKCS#11 token (the helper prompts for the PIN unless the token needs none; --reuse-pin for CKA_ALWAYS_AUTHENTICATE keys)",
            KeySource.TpmHandle => "# key: TPM persistent handle (never leaves the TPM)",
            _ => "# key: a file on the device (a plain PEM key, or a TPM-wrapped TSS2 key file, which the helper uses through the TPM)",
        };
        var what = $"{settings.StackName}: trust anchor {settings.AnchorName}, profile {settings.ProfileName}, role {settings.RoleName}";
        var text = new StringBuilder();
        switch (mode)
        {
            case SigningHelperMode.CredentialProcess:
                text.Append("# IAM Roles Anywhere credentials for a device (").Append(what).Append(").\n");
                text.Append(keyLine).Append('\n').Append(settings.CertificateCheck).Append('\n');
                text.Append("# Add to ~/.aws/config on the device; then: aws sts get-caller-identity --profile ").Append(settings.AwsProfile).Append('\n');
                text.Append("[profile ").Append(settings.AwsProfile).Append("]\n");
                text.Append("credential_process = ").AppendJoin(' ', arguments.Select(ShellQuote)).Append('\n');
                text.Append("region = ").Append(settings.Region).Append('\n');
                break;
            case SigningHelperMode.Serve:
                var endpoint = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{settings.Port}/");
                text.Append("# IAM Roles Anywhere credentials for a device (").Append(what).Append("), served on ").Append(endpoint).Append(" by `aws_signing_helper serve`.\n");
                text.Append(keyLine).Append('\n').Append(settings.CertificateCheck).Append('\n');
                AppendInstall(text, settings.AwsProfile);
                text.Append("# The SDKs and the AWS CLI read the endpoint like IMDSv2; set in the environment of every workload:\n");
                text.Append("#   AWS_EC2_METADATA_SERVICE_ENDPOINT=").Append(endpoint).Append('\n');
                text.Append("#   AWS_REGION=").Append(settings.Region).Append('\n');
                text.Append("# Any process that can reach 127.0.0.1 on this device can take these credentials (helper README, \"serve\").\n");
                AppendUnit(text, $"IAM Roles Anywhere credentials on {endpoint} ({what})", arguments, settings.ServiceUser, writesHome: false);
                break;
            default:
                text.Append("# IAM Roles Anywhere credentials for a device (").Append(what).Append("), kept fresh by `aws_signing_helper update`\n");
                text.Append("# in profile [").Append(settings.AwsProfile).Append("] of the credentials file of user ").Append(settings.ServiceUser).Append(" (~/.aws/credentials).\n");
                text.Append(keyLine).Append('\n').Append(settings.CertificateCheck).Append('\n');
                AppendInstall(text, settings.AwsProfile);
                text.Append("# Workloads running as ").Append(settings.ServiceUser).Append(" use: AWS_PROFILE=").Append(settings.AwsProfile).Append(" AWS_REGION=").Append(settings.Region).Append('\n');
                text.Append("# Anyone who can read that credentials file can use these credentials (helper README, \"update\"); run one update per file.\n");
                AppendUnit(text, $"IAM Roles Anywhere credentials in profile {settings.AwsProfile} ({what})", arguments, settings.ServiceUser, writesHome: true);
                break;
        }

        return text.ToString();
    }

    private static void AppendInstall(StringBuilder text, string awsProfile)
    {
        var unit = "edgeiam-" + awsProfile.Replace('.', '-').Replace('_', '-');
        text.Append("# Install: save as /etc/systemd/system/").Append(unit).Append(".service, then: systemctl daemon-reload && systemctl enable --now ").Append(unit).Append('\n');
    }

    /// <summary>
    /// A systemd service (systemd.service(5), systemd.exec(5)): restarted on failure, no new privileges, a read-only
    /// system; <c>update</c> writes the user's home, <c>serve</c> needs none of it.
    /// </summary>
    private static void AppendUnit(StringBuilder text, string description, IReadOnlyList<string> arguments, string user, bool writesHome)
    {
        text.Append("[Unit]\n");
        text.Append("Description=").Append(UnitValue(description)).Append('\n');
        text.Append("Wants=network-online.target\nAfter=network-online.target\n\n");
        text.Append("[Service]\n");
        text.Append("ExecStart=").AppendJoin(' ', arguments.Select(UnitArgument)).Append('\n');
        text.Append("User=").Append(user).Append('\n');
        text.Append("Restart=always\nRestartSec=10\nNoNewPrivileges=true\nPrivateTmp=true\n");
        text.Append(writesHome ? "ProtectSystem=full\n" : "ProtectSystem=strict\nProtectHome=read-only\n");
        text.Append("\n[Install]\nWantedBy=multi-user.target\n");
    }

    /// <summary>POSIX-shell quoting: the AWS CLI and SDKs split credential_process like a shell.</summary>
    internal static string ShellQuote(string argument)
    {
        if (PlainArgument().IsMatch(argument))
        {
            return argument;
        }

        Refuse(argument);
        return "'" + argument + "'";
    }

    /// <summary>
    /// One ExecStart word: systemd expands <c>%</c> specifiers and <c>$</c> variables even inside quotes
    /// (systemd.service(5), "Command lines"; systemd.unit(5), "Specifiers"), so both are doubled; a PKCS#11 URI's
    /// <c>%20</c> would otherwise be read as a specifier.
    /// </summary>
    internal static string UnitArgument(string argument)
    {
        Refuse(argument);
        var escaped = argument.Replace("%", "%%", StringComparison.Ordinal).Replace("$", "$$", StringComparison.Ordinal);
        return PlainArgument().IsMatch(argument) ? escaped : "\"" + escaped.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    private static string UnitValue(string value) => value.Replace("%", "%%", StringComparison.Ordinal);

    private static void Refuse(string argument)
    {
        if (argument.Contains('\'', StringComparison.Ordinal) || argument.Contains('\n', StringComparison.Ordinal) || argument.Contains('\r', StringComparison.Ordinal))
        {
            throw new DeviceConfigException($"'{argument}' contains a quote or line break, which a credential_process line or unit file cannot carry safely; use a simpler path");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.:/=+@%,~-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainArgument();

    // RFC 7512: pkcs11:path-attributes[?query-attributes], attributes name=value separated by ';' ('&' in the query),
    // values pchar or %XX.
    [GeneratedRegex(@"^pkcs11:([A-Za-z0-9_.~:@!$&+=;,-]|%[0-9A-Fa-f]{2})*(\?([A-Za-z0-9_.~:@!$&+=;,/?-]|%[0-9A-Fa-f]{2})*)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pkcs11Uri();

    [GeneratedRegex(@"^handle:0x81[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex TpmHandle();
}
