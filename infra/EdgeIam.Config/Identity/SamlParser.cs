using System.Text.RegularExpressions;
using EdgeIam.Config.Federation;
using EdgeIam.Config.Iam;
using EdgeIam.Config.Reading;
using EdgeIam.Config.Stack;

namespace EdgeIam.Config.Identity;

/// <summary>
/// Parses <c>saml</c>: providers (a metadata document from a file, validated as SAML 2.0 IdP metadata) and roles that
/// trust them with <c>SAML:aud</c> pinned to the sign-in endpoint
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html).
/// </summary>
internal static partial class SamlParser
{
    internal static readonly KeySet Keys = new("saml", "providers", "roles");

    internal static readonly KeySet ProviderKeys = new("saml.providers[]", "name", "metadata");

    internal static readonly KeySet RoleKeys = new("saml.roles[]", ["name", "provider", "audience", "attributes", .. RoleAccessParser.Keys]);

    /// <summary>
    /// SAML condition keys IAM sets from the assertion, apart from SAML:aud (own key: <c>audience</c>)
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-saml).
    /// </summary>
    public static readonly IReadOnlyList<string> AttributeKeys =
    [
        "SAML:commonName", "SAML:doc", "SAML:eduorghomepageuri", "SAML:eduorgidentityauthnpolicyuri", "SAML:eduorglegalname",
        "SAML:eduorgsuperioruri", "SAML:eduorgwhitepagesuri", "SAML:edupersonaffiliation", "SAML:edupersonassurance",
        "SAML:edupersonentitlement", "SAML:edupersonnickname", "SAML:edupersonorgdn", "SAML:edupersonorgunitdn",
        "SAML:edupersonprimaryaffiliation", "SAML:edupersonprimaryorgunitdn", "SAML:edupersonprincipalname",
        "SAML:edupersonscopedaffiliation", "SAML:edupersontargetedid", "SAML:givenName", "SAML:iss", "SAML:mail", "SAML:name",
        "SAML:namequalifier", "SAML:organizationStatus", "SAML:primaryGroupID", "SAML:sub", "SAML:sub_type", "SAML:surname",
        "SAML:uid", "SAML:x500UniqueIdentifier",
    ];

    public static SamlConfig Parse(MappingReader saml, string? region, IamRoleNames names)
    {
        var providerNames = new HashSet<string>(StringComparer.Ordinal);
        var providers = saml.Items("providers", ProviderKeys, p => ParseProvider(p, providerNames), required: true,
            fix: "declare the IdP: providers: [{ name: corp-idp, metadata: saml/corp-idp.xml }].");
        var roles = saml.Items("roles", RoleKeys, r => ParseRole(r, providerNames, region, names));
        return new SamlConfig(providers, roles);
    }

    private static SamlProviderConfig? ParseProvider(MappingReader provider, HashSet<string> seen)
    {
        var name = provider.Matching("name", ProviderNamePattern(), "a SAML provider name (1-128 letters, digits, . _ or -)",
            "name the IdP, e.g. name: corp-idp.", required: true);
        if (name is not null && !seen.Add(name))
        {
            provider.Error("name", $"two providers are named '{name}'", "give every provider its own name.");
            name = null;
        }

        var path = provider.String("metadata", required: true,
            fix: "give the path of the IdP's SAML metadata XML, relative to the stack file, e.g. metadata: saml/corp-idp.xml.");
        if (name is null || path is null)
        {
            return null;
        }

        var text = ReadFile(provider, path);
        if (text is null)
        {
            return null;
        }

        var report = SamlMetadata.Inspect(text, provider.Context.Time.GetUtcNow());
        foreach (var (isError, message, fix) in report.Findings)
        {
            if (isError)
            {
                provider.Error("metadata", $"SAML metadata '{path}': {message}", fix);
            }
            else
            {
                provider.Warning("metadata", $"SAML metadata '{path}': {message}", fix);
            }
        }

        return report.HasErrors || report.EntityId is null || report.EarliestExpiry is null
            ? null
            : new SamlProviderConfig(name, provider.Path, path, text, report.EntityId, report.EarliestExpiry.Value);
    }

    private static string? ReadFile(MappingReader provider, string path)
    {
        const string fix = "give the path of the IdP's SAML metadata XML, relative to the stack file or absolute.";
        var context = provider.Context;
        var full = context.ResolvePath(path);
        if (!context.Files.FileExists(full))
        {
            provider.Error("metadata", $"SAML metadata file '{path}' does not exist{(full == path ? "" : $" (looked for {full})")}", fix);
            return null;
        }

        try
        {
            // PhysicalFileSource reads through InputFile with InputFileLimit.StackInput: a regular UTF-8 file of at most 1 MiB.
            return context.Files.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            provider.Error("metadata", $"SAML metadata file '{path}' cannot be read: {ex.Message}", fix);
            return null;
        }
    }

    private static SamlRoleConfig? ParseRole(MappingReader role, HashSet<string> providers, string? region, IamRoleNames names)
    {
        var name = names.Read(role);
        var provider = role.String("provider", required: true, fix: "name one of saml.providers, e.g. provider: corp-idp.");
        if (provider is not null && !providers.Contains(provider))
        {
            var nearest = KeySuggester.Nearest(provider, [.. providers]);
            role.Error("provider", $"there is no provider named '{provider}' in saml.providers",
                nearest is not null ? $"did you mean {nearest}?" : "declare the provider under saml.providers and name it here.");
            provider = null;
        }

        var audience = ParseAudience(role, region);
        var attributes = ParseAttributes(role);
        var access = RoleAccessParser.Parse(role);
        return name is null || provider is null || audience is null || attributes is null
            ? null
            : new SamlRoleConfig(name, role.Path, provider, audience, attributes, access);
    }

    /// <summary>The sign-in endpoints of a partition: non-regional, or regional (https://docs.aws.amazon.com/general/latest/gr/signin-service.html).</summary>
    public static IReadOnlyList<string> Audiences(string region)
    {
        return AwsRegions.PartitionOf(region) switch
        {
            "aws-cn" => ["https://signin.amazonaws.cn/saml"],
            "aws-us-gov" => ["https://signin.amazonaws-us-gov.com/saml"],
            _ => ["https://signin.aws.amazon.com/saml", $"https://{region}.signin.aws.amazon.com/saml"],
        };
    }

    private static string? ParseAudience(MappingReader role, string? region)
    {
        var audience = role.String("audience");
        if (region is null)
        {
            return audience ?? "https://signin.aws.amazon.com/saml";
        }

        var allowed = Audiences(region);
        if (audience is null)
        {
            return allowed[0];
        }

        if (!allowed.Contains(audience, StringComparer.Ordinal) && !RegionalAudiencePattern().IsMatch(audience))
        {
            role.Error("audience", $"'{audience}' is not an AWS sign-in endpoint for SAML", $"use the endpoint the IdP posts assertions to: {string.Join(" or ", allowed)}.");
            return null;
        }

        return audience;
    }

    private static List<KeyValuePair<string, string>>? ParseAttributes(MappingReader role)
    {
        var ok = true;
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (key, value, at) in role.StringMapEntries("attributes"))
        {
            if (string.Equals(key, "SAML:aud", StringComparison.OrdinalIgnoreCase))
            {
                role.Context.Error(at, role.PathOf("attributes") + "." + key, "SAML:aud is set by `audience`", "remove it here; write `audience:` if the default endpoint is not the one the IdP posts to.");
                ok = false;
            }
            else if (!AttributeKeys.Contains(key, StringComparer.Ordinal))
            {
                var nearest = KeySuggester.Nearest(key, AttributeKeys);
                role.Context.Error(at, role.PathOf("attributes") + "." + key, $"'{key}' is not a SAML condition key IAM sets",
                    nearest is not null ? $"did you mean {nearest}?" : "use a SAML: key, e.g. SAML:sub or SAML:edupersonaffiliation.");
                ok = false;
            }
            else if (value.Length == 0)
            {
                role.Context.Error(at, role.PathOf("attributes") + "." + key, "an empty value matches no assertion", "write the attribute value to require.");
                ok = false;
            }
            else
            {
                result.Add(KeyValuePair.Create(key, value));
            }
        }

        return ok ? result : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderNamePattern();

    [GeneratedRegex(@"^https://[a-z]{2}(-gov)?-[a-z]+-[0-9]\.signin\.aws\.amazon\.com/saml$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionalAudiencePattern();
}
