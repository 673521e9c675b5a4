namespace EdgeIam.Policy.Templates;

/// <summary>An OIDC identity provider (<c>AWS::IAM::OIDCProvider</c> or CDK's custom provider).</summary>
internal sealed record OidcProviderResource(
    string LogicalId,
    string Url,
    string Arn,
    IReadOnlyList<string> ClientIds,
    IReadOnlyList<string> Thumbprints,
    string JsonPath)
{
    /// <summary>Issuer host and path without scheme: what condition keys are prefixed with (<c>host:aud</c>).</summary>
    public string Issuer
    {
        get
        {
            var scheme = Url.IndexOf("://", StringComparison.Ordinal);
            return (scheme >= 0 ? Url[(scheme + 3)..] : Url).TrimEnd('/');
        }
    }
}
