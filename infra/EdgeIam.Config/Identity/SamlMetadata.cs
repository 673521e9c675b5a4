using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using System.Xml.Linq;

namespace EdgeIam.Config.Identity;

/// <summary>What <see cref="SamlMetadata.Inspect"/> found in one metadata document.</summary>
internal sealed record SamlMetadataReport(string? EntityId, DateTimeOffset? EarliestExpiry, IReadOnlyList<(bool IsError, string Message, string Fix)> Findings)
{
    public bool HasErrors => Findings.Any(f => f.IsError);
}

/// <summary>
/// Validates a SAML 2.0 IdP metadata document (https://docs.oasis-open.org/security/saml/v2.0/saml-metadata-2.0-os.pdf)
/// the way IAM needs it: an <c>EntityDescriptor</c> with an <c>IDPSSODescriptor</c> and at least one signing
/// certificate (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml.html). The XML is read
/// without DTDs or external entities, so a hostile document cannot expand entities or reach the network or disk.
/// </summary>
internal static class SamlMetadata
{
    /// <summary>CloudFormation's limits on SamlMetadataDocument: 1,000 to 10,000,000 characters
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-samlprovider.html).</summary>
    public const int MinCharacters = 1000;

    public const int MaxCharacters = 10_000_000;

    /// <summary>A signing certificate that expires within this many days is reported as a warning.</summary>
    public const int ExpiryWarningDays = 30;

    private const string Md = "urn:oasis:names:tc:SAML:2.0:metadata";
    private const string Ds = "http://www.w3.org/2000/09/xmldsig#";
    private const string Protocol = "urn:oasis:names:tc:SAML:2.0:protocol";

    public static SamlMetadataReport Inspect(string text, DateTimeOffset now)
    {
        var findings = new List<(bool, string, string)>();
        if (text.Length is < MinCharacters or > MaxCharacters)
        {
            findings.Add((true, string.Create(CultureInfo.InvariantCulture,
                $"the document is {text.Length} characters; IAM accepts {MinCharacters} to {MaxCharacters}"),
                "export the complete metadata document from the IdP (Okta, Entra ID, ADFS: 'Federation metadata XML')."));
            return new SamlMetadataReport(null, null, findings);
        }

        XDocument document;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersFromEntities = 0,
                MaxCharactersInDocument = MaxCharacters,
            };
            using var reader = XmlReader.Create(new StringReader(text), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            findings.Add((true, $"the document is not well-formed XML without a DTD: {ex.Message}",
                "export the metadata again from the IdP; EdgeIam refuses DTDs and entity declarations."));
            return new SamlMetadataReport(null, null, findings);
        }

        var root = document.Root!;
        if (root.Name != XName.Get("EntityDescriptor", Md))
        {
            findings.Add((true, $"the root element is {root.Name.LocalName} ({root.Name.NamespaceName}), not a SAML 2.0 md:EntityDescriptor",
                "give the IdP's own metadata (one EntityDescriptor), not an aggregate (EntitiesDescriptor) or a service provider's."));
            return new SamlMetadataReport(null, null, findings);
        }

        var entityId = (string?)root.Attribute("entityID");
        if (string.IsNullOrWhiteSpace(entityId))
        {
            findings.Add((true, "the EntityDescriptor has no entityID", "export the metadata again from the IdP."));
        }

        var idp = root.Elements(XName.Get("IDPSSODescriptor", Md)).FirstOrDefault();
        if (idp is null)
        {
            findings.Add((true, "the metadata has no IDPSSODescriptor, so it does not describe an identity provider",
                "give the metadata of the identity provider (the IdP's 'federation metadata'), not of a service provider."));
            return new SamlMetadataReport(entityId, null, findings);
        }

        if (!((string?)idp.Attribute("protocolSupportEnumeration") ?? string.Empty).Split(' ').Contains(Protocol, StringComparer.Ordinal))
        {
            findings.Add((true, "the IDPSSODescriptor does not list SAML 2.0 in protocolSupportEnumeration", "use metadata of a SAML 2.0 IdP."));
        }

        var certificates = idp.Elements(XName.Get("KeyDescriptor", Md))
            .Where(k => (string?)k.Attribute("use") is null or "signing")
            .SelectMany(k => k.Descendants(XName.Get("X509Certificate", Ds)))
            .Select(c => c.Value)
            .ToList();
        if (certificates.Count == 0)
        {
            findings.Add((true, "the IDPSSODescriptor has no signing certificate (KeyDescriptor use=\"signing\" with ds:X509Certificate)",
                "export metadata that includes the IdP's signing certificate: IAM verifies every assertion with it."));
            return new SamlMetadataReport(entityId, null, findings);
        }

        DateTimeOffset? earliest = null;
        foreach (var base64 in certificates)
        {
            try
            {
                using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(string.Concat(base64.Where(c => !char.IsWhiteSpace(c)))));
                var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
                var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
                earliest = earliest is null || notAfter < earliest ? notAfter : earliest;
                var when = notAfter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (notAfter <= now)
                {
                    findings.Add((true, $"the signing certificate '{certificate.Subject}' expired on {when}",
                        "export current metadata from the IdP after it rolls its signing certificate."));
                }
                else if (notBefore > now)
                {
                    findings.Add((true, $"the signing certificate '{certificate.Subject}' is not valid before {notBefore.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
                        "check the IdP's clock and the metadata export."));
                }
                else if (notAfter - now <= TimeSpan.FromDays(ExpiryWarningDays))
                {
                    findings.Add((false, string.Create(CultureInfo.InvariantCulture,
                        $"the signing certificate '{certificate.Subject}' expires on {when}, in {(int)(notAfter - now).TotalDays} day(s): sign-in stops then unless the metadata is updated"),
                        "roll the IdP's signing certificate and update the metadata file (IAM accepts a second certificate during the rollover)."));
                }
            }
            catch (Exception ex) when (ex is FormatException or CryptographicException)
            {
                findings.Add((true, $"a signing certificate is not a base64 DER X.509 certificate: {ex.Message}", "export the metadata again from the IdP."));
            }
        }

        return new SamlMetadataReport(entityId, earliest, findings);
    }
}
