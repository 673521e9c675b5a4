using System.Text.RegularExpressions;
using EdgeIam.Config.Reading;
using EdgeIam.Config.Stack;
using EdgeIam.Pki;

namespace EdgeIam.Config.RolesAnywhere;

/// <summary>
/// Parses one <c>rolesAnywhere.trustAnchors[]</c> entry and checks its CA certificate and CRL at load, so a bad
/// anchor is a config error with a key path, never a failed deployment.
/// </summary>
internal static partial class TrustAnchorParser
{
    internal static readonly KeySet Keys = new(
        "rolesAnywhere.trustAnchors[]", "name", "certificate", "acmPcaArn", "crl", "expiryNotificationDays");

    public const int DefaultExpiryNotificationDays = 30;

    /// <summary>NotificationSetting Threshold range (AWS::RolesAnywhere::TrustAnchor NotificationSetting, 1..360 days).
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-rolesanywhere-trustanchor-notificationsetting.html</summary>
    public const int MaxExpiryNotificationDays = 360;

    public static TrustAnchorConfig? Parse(MappingReader anchor, string? region, List<DeclaredName> declared)
    {
        var errorsBefore = RolesAnywhereParser.ErrorCount(anchor.Context);
        var name = RolesAnywhereParser.ParseName(anchor, NamePattern(), "a trust anchor name (1-64 letters, digits, '-' or '_')", "e.g. name: edge-ca.", declared);
        var days = anchor.Int("expiryNotificationDays", 1, MaxExpiryNotificationDays) ?? DefaultExpiryNotificationDays;
        var certificate = anchor.String("certificate");
        var pcaArn = anchor.String("acmPcaArn");

        TrustAnchorSource? source = null;
        if (certificate is not null && pcaArn is not null)
        {
            anchor.Error("acmPcaArn", "a trust anchor takes either `certificate` or `acmPcaArn`, not both",
                "keep `certificate:` for a CA you run yourself, or `acmPcaArn:` for an AWS Private CA; use two anchors for two CAs.");
        }
        else if (certificate is not null)
        {
            source = ReadCertificate(anchor, certificate, days);
        }
        else if (pcaArn is not null)
        {
            source = ParsePcaArn(anchor, pcaArn, region);
        }
        else
        {
            anchor.Missing("certificate",
                "add `certificate: pki/dev/issuing-ca.crt` (the CA certificate devices chain to, PEM) or `acmPcaArn: arn:aws:acm-pca:...`.");
        }

        var crlPath = anchor.String("crl");
        CrlConfig? crl = null;
        if (crlPath is not null && pcaArn is not null && certificate is null)
        {
            anchor.Error("crl", "a CRL can only be checked against a CA certificate, and this anchor uses acmPcaArn",
                "remove `crl:` (AWS Private CA publishes its own CRLs), or anchor the CA's certificate with `certificate:` instead.");
        }
        else if (crlPath is not null && source is CertificateSource ca)
        {
            crl = ReadCrl(anchor, crlPath, ca);
        }

        return name is not null && source is not null && RolesAnywhereParser.ErrorCount(anchor.Context) == errorsBefore
            ? new TrustAnchorConfig(name, anchor.Path, source, crl, days)
            : null;
    }

    private static CertificateSource? ReadCertificate(MappingReader anchor, string path, int expiryDays)
    {
        var text = ReadFile(anchor, "certificate", path, "certificate file",
            "give the path of the CA certificate (PEM), relative to the stack file or absolute; `edgeiam pki init --out DIR` creates a dev CA.");
        if (text is null)
        {
            return null;
        }

        var report = CaCertificateInspector.Inspect(text, anchor.Context.Time.GetUtcNow(), expiryDays);
        var what = report.Subject is null ? $"certificate file '{path}'" : $"certificate '{report.Subject}' ({path})";
        Report(anchor, "certificate", what, report.Findings);
        return report.HasErrors || report.Subject is null || report.CertificatePem is null
            ? null
            : new CertificateSource(path, report.Subject, report.CertificatePem);
    }

    private static CrlConfig? ReadCrl(MappingReader anchor, string path, CertificateSource ca)
    {
        var text = ReadFile(anchor, "crl", path, "CRL file",
            "give the path of the CA's certificate revocation list (PEM), relative to the stack file or absolute; `edgeiam pki crl` creates one for a dev CA.");
        if (text is null)
        {
            return null;
        }

        var report = CrlInspector.Inspect(text, ca.CertificatePem, anchor.Context.Time.GetUtcNow());
        Report(anchor, "crl", $"CRL '{path}' for certificate '{ca.Subject}'", report.Findings);
        return report.HasErrors || report.CrlPem is null ? null : new CrlConfig(path, report.CrlPem);
    }

    private static string? ReadFile(MappingReader anchor, string key, string path, string what, string fix)
    {
        var context = anchor.Context;
        var full = context.ResolvePath(path);
        if (!context.Files.FileExists(full))
        {
            anchor.Error(key, $"{what} '{path}' does not exist{(full == path ? "" : $" (looked for {full})")}", fix);
            return null;
        }

        try
        {
            return context.Files.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            anchor.Error(key, $"{what} '{path}' cannot be read: {ex.Message}", fix);
            return null;
        }
    }

    private static void Report(MappingReader anchor, string key, string what, IReadOnlyList<PkiFinding> findings)
    {
        foreach (var finding in findings)
        {
            if (finding.IsError)
            {
                anchor.Error(key, $"{what}: {finding.Message}", finding.Fix);
            }
            else
            {
                anchor.Warning(key, $"{what}: {finding.Message}", finding.Fix);
            }
        }
    }

    private static AcmPcaSource? ParsePcaArn(MappingReader anchor, string arn, string? region)
    {
        var match = PcaArnPattern().Match(arn);
        if (!match.Success)
        {
            anchor.Error("acmPcaArn", $"'{arn}' is not an AWS Private CA ARN",
                "write arn:aws:acm-pca:<region>:<account>:certificate-authority/<uuid> (shown by `aws acm-pca list-certificate-authorities`).");
            return null;
        }

        // "Trust anchors and AWS Private CA must be in the same AWS region":
        // https://docs.aws.amazon.com/prescriptive-guidance/latest/patterns/iam-roles-anywhere-private-ca.html
        var caRegion = match.Groups["region"].Value;
        if (region is not null && caRegion != region)
        {
            anchor.Error("acmPcaArn", $"the Private CA is in {caRegion}, but the stack deploys to {region}; a trust anchor needs a CA in its own region",
                $"create (or use) a Private CA in {region}, or anchor the CA's certificate with `certificate:` instead.");
            return null;
        }

        if (region is not null && match.Groups["partition"].Value != AwsRegions.PartitionOf(region))
        {
            anchor.Error("acmPcaArn", $"ARN partition '{match.Groups["partition"].Value}' does not match region {region}",
                $"use arn:{AwsRegions.PartitionOf(region)}:acm-pca:... for this region.");
            return null;
        }

        return new AcmPcaSource(arn);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):acm-pca:(?<region>[a-z0-9-]+):(?<account>[0-9]{12}):certificate-authority/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex PcaArnPattern();
}
