using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Identity;

public sealed class SamlRulesTests
{
    private static readonly string MetadataPath = Path.GetFullPath(Path.Combine("stacks", "saml", "idp.xml"));

    /// <summary>IdP metadata with a fresh self-signed signing certificate valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>.</summary>
    internal static string Metadata(DateTimeOffset notBefore, DateTimeOffset notAfter, string? rootOverride = null, bool withCertificate = true)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Test IdP", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        var base64 = Convert.ToBase64String(certificate.Export(X509ContentType.Cert));
        var keyDescriptor = withCertificate
            ? $"<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{base64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
            : string.Empty;
        var body = rootOverride ?? $"""
            <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.example/saml">
              <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                {keyDescriptor}
                <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example/sso"/>
              </md:IDPSSODescriptor>
            </md:EntityDescriptor>
            """;
        return "<?xml version=\"1.0\"?>\n<!--" + new string('x', 1000) + "-->\n" + body;
    }

    private static string Valid => Metadata(StackFiles.Now.AddYears(-1), StackFiles.Now.AddYears(2));

    private static string Yaml(string roles = "", string providers = "    - name: corp\n      metadata: saml/idp.xml\n") =>
        StackFiles.Minimal + "saml:\n  providers:\n" + providers + (roles.Length > 0 ? "  roles:\n" + roles : string.Empty);

    private static StackLoadResultView Load(string yaml, string? metadata = null) =>
        new(StackFiles.Load(yaml, new Dictionary<string, string> { [MetadataPath] = metadata ?? Valid }));

    [Fact]
    public void ProviderAndRoleAreParsedWithTheDefaultAudience()
    {
        var stack = StackFiles.Valid(Yaml("    - name: Viewer\n      provider: corp\n      attributes:\n        SAML:sub_type: persistent\n"),
            new Dictionary<string, string> { [MetadataPath] = Valid });
        var role = Assert.Single(stack.Saml!.Roles);
        Assert.Equal("https://signin.aws.amazon.com/saml", role.Audience);
        Assert.Equal("https://idp.example/saml", Assert.Single(stack.Saml.Providers).EntityId);
    }

    [Theory]
    [InlineData("    - name: Viewer\n      provider: nobody\n", "saml.roles[0].provider", "no provider named")]
    [InlineData("    - name: Viewer\n      provider: corp\n      audience: https://evil.example/saml\n", "saml.roles[0].audience", "not an AWS sign-in endpoint")]
    [InlineData("    - name: Viewer\n      provider: corp\n      attributes:\n        SAML:aud: x\n", "saml.roles[0].attributes.SAML:aud", "audience")]
    [InlineData("    - name: Viewer\n      provider: corp\n      attributes:\n        SAML:subb: x\n", "saml.roles[0].attributes.SAML:subb", "not a SAML condition key")]
    [InlineData("    - name: Viewer\n      provider: corp\n      attributes:\n        SAML:sub: \"\"\n", "saml.roles[0].attributes.SAML:sub", "empty")]
    [InlineData("    - name: Viewer\n      provider: corp\n      attributes: [a]\n", "saml.roles[0].attributes", "expected a mapping")]
    [InlineData("    - name: Viewer\n      provider: corp\n      audiences: x\n", "saml.roles[0].audiences", "unknown key")]
    [InlineData("    - name: Viewer\n      provider: corp\n    - name: viewer\n      provider: corp\n", "saml.roles[1].name", "already named")]
    [InlineData("    - name: Viewer\n      provider:\n", "saml.roles[0].provider", "null")]
    public void HostileRoles(string roles, string path, string message)
    {
        var result = Load(Yaml(roles));
        result.HasError(path, message);
    }

    [Fact]
    public void ProvidersAreRequiredAndUnique()
    {
        Load(StackFiles.Minimal + "saml:\n  roles: []\n").HasError("saml.providers", "required");
        Load(StackFiles.Minimal + "saml:\n  providers: []\n").HasError("saml.providers", "empty");
        Load(StackFiles.Minimal + "saml: corp\n").HasError("saml", "expected a mapping");
        Load(Yaml(providers: "    - name: corp\n      metadata: saml/idp.xml\n    - name: corp\n      metadata: saml/idp.xml\n")).HasError("saml.providers[1].name", "two providers");
        Load(Yaml(providers: "    - name: corp\n      metadata: saml/missing.xml\n")).HasError("saml.providers[0].metadata", "does not exist");
    }

    [Fact]
    public void HostileMetadataIsRefused()
    {
        var dtd = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><x>&b;" + new string(' ', 1000) + "</x>";
        Load(Yaml(), dtd).HasError("saml.providers[0].metadata", "DTD");
        var external = "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"file:///etc/passwd\"><x>" + new string(' ', 1000) + "</x>";
        Load(Yaml(), external).HasError("saml.providers[0].metadata", "DTD");
        Load(Yaml(), "<x/>").HasError("saml.providers[0].metadata", "characters");
        Load(Yaml(), "<notxml" + new string(' ', 1000)).HasError("saml.providers[0].metadata", "well-formed");
        Load(Yaml(), Metadata(StackFiles.Now.AddYears(-1), StackFiles.Now.AddYears(1), rootOverride: "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>"))
            .HasError("saml.providers[0].metadata", "not a SAML 2.0 md:EntityDescriptor");
        Load(Yaml(), Metadata(StackFiles.Now.AddYears(-1), StackFiles.Now.AddYears(1), withCertificate: false)).HasError("saml.providers[0].metadata", "no signing certificate");
        Load(Yaml(), Metadata(StackFiles.Now.AddYears(-2), StackFiles.Now.AddDays(-1))).HasError("saml.providers[0].metadata", "expired");
        Load(Yaml(), Metadata(StackFiles.Now.AddDays(1), StackFiles.Now.AddYears(1))).HasError("saml.providers[0].metadata", "not valid before");
    }

    [Fact]
    public void CertificateExpiringSoonIsAWarning()
    {
        var result = StackFiles.Load(Yaml(), new Dictionary<string, string> { [MetadataPath] = Metadata(StackFiles.Now.AddYears(-1), StackFiles.Now.AddDays(10)) });
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Contains(result.Diagnostics, d => !d.IsError && d.KeyPath == "saml.providers[0].metadata" && d.Message.Contains("expires", StringComparison.Ordinal));
    }

    /// <summary>Assertion helper over a load result.</summary>
    internal sealed record StackLoadResultView(StackLoadResult Result)
    {
        public void HasError(string path, string message) =>
            Assert.True(Result.Diagnostics.Any(d => d.IsError && d.KeyPath == path && d.Message.Contains(message, StringComparison.Ordinal)),
                $"expected an error at {path} containing '{message}', got:\n{string.Join("\n", Result.Diagnostics)}");
    }
}
