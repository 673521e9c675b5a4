using System.Globalization;
using System.Text.RegularExpressions;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Federation;

/// <summary>What a role needs to know about its provider, even when the provider itself has errors.</summary>
/// <param name="Valid">The provider when it has no errors; null otherwise.</param>
internal sealed record OidcProviderDraft(string Name, OidcPreset Preset, string? HostPath, IReadOnlyList<string> Audiences, OidcProviderConfig? Valid);

/// <summary>
/// Parses <c>oidc.providers[]</c>. Limits from IAM's CreateOpenIDConnectProvider (the API behind
/// AWS::IAM::OIDCProvider): https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
/// and https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html.
/// </summary>
internal static partial class OidcProviderParser
{
    internal static readonly KeySet Keys = new(
        "oidc.providers[]", "name", "preset", "issuer", "audiences", "thumbprints", "existingProviderArn");

    /// <summary>GitHub Actions' issuer and the audience aws-actions/configure-aws-credentials requests.
    /// https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws</summary>
    public const string GitHubIssuer = "https://token.actions.githubusercontent.com";

    public const string GitHubAudience = "sts.amazonaws.com";

    /// <summary>GitLab.com's issuer; GitLab uses the instance URL as audience too (https://docs.gitlab.com/ci/cloud_services/aws/).</summary>
    public const string GitLabIssuer = "https://gitlab.com";

    /// <summary>Url: at most 255 characters. ClientIDList: at most 100 per provider, each at most 255 characters.
    /// ThumbprintList: at most 5, each 40 hex characters.</summary>
    public const int MaxUrlLength = 255;

    public const int MaxAudiences = 100;

    public const int MaxAudienceLength = 255;

    public const int MaxThumbprints = 5;

    public static OidcProviderDraft? Parse(MappingReader p, string? account, string? partition)
    {
        var name = p.Matching("name", NamePattern(), "a provider name (a letter, then letters, digits or hyphens; at most 64)",
            "name it after the issuer, e.g. name: github.", required: true);
        var existingArn = ParseExistingArn(p, account, partition, out var arnHostPath);
        var preset = ParsePreset(p);
        // A misspelt preset already has its error; do not add "issuer/audiences missing" for what it would have set.
        var presetInvalid = preset is null && p.Has("preset");
        var issuer = ParseIssuer(p, preset, arnHostPath, reportMissing: !presetInvalid);
        preset ??= issuer is null ? OidcPreset.Generic : InferPreset(issuer);
        var audiences = ParseAudiences(p, preset.Value, issuer, reportMissing: !presetInvalid);
        var thumbprints = ParseThumbprints(p, existingArn is not null || p.Has("existingProviderArn"));

        if (issuer is not null && arnHostPath is not null && OidcProviderConfig.HostPathOf(issuer) != arnHostPath)
        {
            p.Error("existingProviderArn", $"the ARN names the provider '{arnHostPath}', but issuer is {issuer}",
                $"use arn:{partition ?? "aws"}:iam::{account ?? "ACCOUNT"}:oidc-provider/{OidcProviderConfig.HostPathOf(issuer)}, or correct the issuer.");
            existingArn = null;
            issuer = null;
        }

        if (name is null)
        {
            return null;
        }

        var hostPath = issuer is null ? null : OidcProviderConfig.HostPathOf(issuer);
        var valid = issuer is not null && audiences.Count > 0 && thumbprints is not null && (existingArn is not null || !p.Has("existingProviderArn"))
            ? new OidcProviderConfig(name, preset.Value, issuer, audiences, thumbprints, existingArn,
                new SourcePosition(p.Context.File, (int)p.Node.Start.Line, (int)p.Node.Start.Column, p.Path))
            : null;
        return new OidcProviderDraft(name, preset.Value, hostPath, audiences, valid);
    }

    private static OidcPreset? ParsePreset(MappingReader p)
    {
        var text = p.String("preset");
        switch (text)
        {
            case null:
                return null;
            case "github":
                return OidcPreset.GitHub;
            case "gitlab":
                return OidcPreset.GitLab;
            case "generic":
                return OidcPreset.Generic;
            default:
                var nearest = KeySuggester.Nearest(text, ["github", "gitlab", "generic"]);
                p.Error("preset", $"'{text}' is not a preset",
                    (nearest is not null ? $"did you mean {nearest}? " : "") + "Presets: github, gitlab, generic.");
                return null;
        }
    }

    /// <summary>Issuers EdgeIam recognises without a preset, so their subject rules apply by default.</summary>
    private static OidcPreset InferPreset(string issuer)
    {
        var host = OidcProviderConfig.HostPathOf(issuer).Split('/')[0];
        return host switch
        {
            "token.actions.githubusercontent.com" => OidcPreset.GitHub,
            "gitlab.com" => OidcPreset.GitLab,
            _ => OidcPreset.Generic,
        };
    }

    private static string? ParseIssuer(MappingReader p, OidcPreset? preset, string? arnHostPath, bool reportMissing)
    {
        var issuer = p.String("issuer");
        if (issuer is null)
        {
            issuer = preset switch
            {
                OidcPreset.GitHub => GitHubIssuer,
                OidcPreset.GitLab => GitLabIssuer,
                _ => arnHostPath is null ? null : "https://" + arnHostPath,
            };
            if (issuer is null && reportMissing)
            {
                p.Missing("issuer", "add the issuer URL (the token's iss claim), e.g. issuer: https://token.actions.githubusercontent.com.");
            }

            return issuer;
        }

        return IssuerProblem(issuer) is { } problem ? Refuse(p, problem.Message, problem.Fix) : issuer;
    }

    /// <summary>
    /// IAM wants the provider URL to begin with https://, to match the token's iss claim, and to carry no query
    /// parameters or port; the role's condition keys are that URL without https:// (host/path:aud), so a trailing
    /// slash would make them differ from the claim.
    /// </summary>
    internal static RuleViolation? IssuerProblem(string issuer)
    {
        const string fix = "write https://HOST or https://HOST/PATH exactly as the token's iss claim, e.g. https://token.actions.githubusercontent.com.";
        if (!issuer.StartsWith("https://", StringComparison.Ordinal))
        {
            return new RuleViolation($"'{issuer}' is not an https URL; IAM accepts only https issuers", fix);
        }

        if (issuer.Length > MaxUrlLength)
        {
            return new RuleViolation(string.Create(CultureInfo.InvariantCulture, $"the issuer is {issuer.Length} characters; IAM allows at most {MaxUrlLength}"), fix);
        }

        var rest = issuer["https://".Length..];
        if (rest.Contains('?', StringComparison.Ordinal) || rest.Contains('#', StringComparison.Ordinal))
        {
            return new RuleViolation($"'{issuer}' has a query or fragment; an issuer is only host and path", fix);
        }

        if (rest.EndsWith('/'))
        {
            return new RuleViolation($"'{issuer}' ends with '/'; the iss claim and IAM's condition keys (host/path:aud) have no trailing slash",
                $"write {issuer.TrimEnd('/')}.");
        }

        var host = rest.Split('/')[0];
        if (host.Contains(':', StringComparison.Ordinal) || host.Contains('@', StringComparison.Ordinal))
        {
            return new RuleViolation($"'{issuer}' has a port or user name; IAM provider URLs are host and path only", fix);
        }

        return IssuerPattern().IsMatch(rest) ? null : new RuleViolation($"'{issuer}' is not a valid issuer URL (lower-case DNS host, optional path)", fix);
    }

    private static List<string> ParseAudiences(MappingReader p, OidcPreset preset, string? issuer, bool reportMissing)
    {
        if (!p.Has("audiences"))
        {
            switch (preset)
            {
                case OidcPreset.GitHub:
                    return [GitHubAudience];
                case OidcPreset.GitLab when issuer is not null:
                    // GitLab's AWS guide uses the instance URL as the audience (id_tokens: aud: in .gitlab-ci.yml).
                    return [issuer];
            }

            if (reportMissing)
            {
                p.Missing("audiences", "list the client IDs your tokens carry as aud, e.g. audiences: [sts.amazonaws.com].");
            }

            return [];
        }

        var audiences = p.Strings("audiences").ToList();
        if (audiences.Count == 0)
        {
            p.Error("audiences", "a provider needs at least one audience; without one no token is accepted and roles cannot pin aud",
                "list the client IDs your tokens carry as aud, e.g. audiences: [sts.amazonaws.com].");
            return [];
        }

        var ok = true;
        if (audiences.Count > MaxAudiences)
        {
            ok = Fail(p, "audiences", string.Create(CultureInfo.InvariantCulture, $"{audiences.Count} audiences exceed IAM's limit of {MaxAudiences} per provider"),
                "split the clients across providers, or drop unused ones.");
        }

        foreach (var audience in audiences.Where(a => a.Length is 0 or > MaxAudienceLength))
        {
            ok = Fail(p, "audiences", string.Create(CultureInfo.InvariantCulture, $"audience '{audience}' is {audience.Length} characters; IAM accepts 1 to {MaxAudienceLength}"),
                "use the client ID exactly as your IdP issues it.");
        }

        foreach (var duplicate in audiences.GroupBy(a => a, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            ok = Fail(p, "audiences", $"audience '{duplicate.Key}' is listed twice", "list each audience once.");
        }

        return ok ? audiences : [];
    }

    /// <summary>
    /// Optional. CloudFormation's AWS::IAM::OIDCProvider ThumbprintList is no longer required: without it IAM
    /// retrieves the IdP's top intermediate CA thumbprint, and for some IdPs (Google, JWKS hosted on S3) it verifies
    /// against its trusted-CA library and ignores thumbprints. Pin them for self-hosted IdPs with a private CA. https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-oidcprovider.html
    /// Null when invalid.
    /// </summary>
    private static List<string>? ParseThumbprints(MappingReader p, bool existing)
    {
        var thumbprints = p.Strings("thumbprints").ToList();
        if (thumbprints.Count == 0)
        {
            return thumbprints;
        }

        if (existing)
        {
            p.Error("thumbprints", "thumbprints belong to the stack that creates the provider; this one only references it",
                "remove `thumbprints` here and set them where the provider is created.");
            return null;
        }

        var ok = true;
        if (thumbprints.Count > MaxThumbprints)
        {
            ok = Fail(p, "thumbprints", string.Create(CultureInfo.InvariantCulture, $"{thumbprints.Count} thumbprints exceed IAM's limit of {MaxThumbprints}"),
                "keep the current and the next certificate's thumbprint.");
        }

        foreach (var thumbprint in thumbprints.Where(t => !ThumbprintPattern().IsMatch(t)))
        {
            ok = Fail(p, "thumbprints", $"'{thumbprint}' is not a certificate thumbprint (40 hex characters, the SHA-1 of the certificate)",
                "see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc_verify-thumbprint.html, or omit thumbprints.");
        }

        return ok ? thumbprints : null;
    }

    private static string? ParseExistingArn(MappingReader p, string? account, string? partition, out string? hostPath)
    {
        hostPath = null;
        var arn = p.String("existingProviderArn");
        if (arn is null)
        {
            return null;
        }

        var match = ProviderArnPattern().Match(arn);
        if (!match.Success)
        {
            p.Error("existingProviderArn", $"'{arn}' is not an IAM OIDC provider ARN",
                "write arn:aws:iam::ACCOUNT:oidc-provider/HOST[/PATH], e.g. arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com.");
            return null;
        }

        hostPath = match.Groups["hostPath"].Value;
        var owner = match.Groups["account"].Value;
        if (account is not null && owner != account)
        {
            // A role can only trust an OIDC provider of its own account.
            p.Error("existingProviderArn", $"the provider belongs to account {owner}, but this stack deploys to {account}",
                $"create the provider in account {account} (one stack creates it, the others reference it).");
            return null;
        }

        if (partition is not null && match.Groups["partition"].Value != partition)
        {
            p.Error("existingProviderArn", $"ARN partition '{match.Groups["partition"].Value}' does not match this stack's partition '{partition}'",
                $"use arn:{partition}:iam::....");
            return null;
        }

        return arn;
    }

    private static string? Refuse(MappingReader p, string message, string fix)
    {
        p.Error("issuer", message, fix);
        return null;
    }

    private static bool Fail(MappingReader p, string key, string message, string fix)
    {
        p.Error(key, message, fix);
        return false;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    internal static partial Regex NamePattern();

    [GeneratedRegex(@"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(/[A-Za-z0-9._~-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IssuerPattern();

    [GeneratedRegex(@"^[0-9A-Fa-f]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex ThumbprintPattern();

    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):iam::(?<account>[0-9]{12}):oidc-provider/(?<hostPath>[^\s]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderArnPattern();
}
