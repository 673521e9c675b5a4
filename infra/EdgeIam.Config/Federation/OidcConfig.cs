namespace EdgeIam.Config.Federation;

/// <summary>The <c>oidc</c> section: identity providers and the roles their tokens may assume. Immutable.</summary>
public sealed record OidcConfig(IReadOnlyList<OidcProviderConfig> Providers, IReadOnlyList<OidcRoleConfig> Roles);
