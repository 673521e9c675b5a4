namespace EdgeIam.Config.Federation;

/// <summary>
/// One IAM OIDC identity provider: created by this stack (<see cref="ExistingProviderArn"/> null) or created elsewhere
/// in the same account and only referenced. Immutable; validated at load.
/// </summary>
/// <param name="Name">Name the roles refer to (<c>oidc.roles[].provider</c>).</param>
/// <param name="Preset">Subject format EdgeIam checks (GitHub, GitLab or generic).</param>
/// <param name="Issuer">The issuer URL: https, host and optional path, no query, fragment, port or trailing slash.</param>
/// <param name="Audiences">Client IDs the provider accepts (the <c>aud</c> claim); non-empty.</param>
/// <param name="Thumbprints">Optional certificate thumbprints (40 hex characters each); empty lets IAM use its trusted CAs.</param>
/// <param name="ExistingProviderArn">ARN of a provider another stack owns; null when this stack creates it.</param>
/// <param name="Declared">Where the provider is declared (for the cross-stack one-provider-per-issuer check).</param>
public sealed record OidcProviderConfig(
    string Name,
    OidcPreset Preset,
    string Issuer,
    IReadOnlyList<string> Audiences,
    IReadOnlyList<string> Thumbprints,
    string? ExistingProviderArn,
    SourcePosition Declared)
{
    /// <summary>The issuer without <c>https://</c>: IAM's provider URL and the prefix of its condition keys (<c>host/path:aud</c>).</summary>
    public string HostPath => HostPathOf(Issuer);

    /// <summary>True when this stack creates the provider.</summary>
    public bool CreatedHere => ExistingProviderArn is null;

    /// <summary>The condition key IAM evaluates for <paramref name="claim"/> of this provider's tokens, e.g. <c>token.actions.githubusercontent.com:sub</c>.</summary>
    public string ConditionKey(string claim) => HostPath + ":" + claim;

    internal static string HostPathOf(string issuer) =>
        issuer.StartsWith("https://", StringComparison.Ordinal) ? issuer["https://".Length..] : issuer;
}
