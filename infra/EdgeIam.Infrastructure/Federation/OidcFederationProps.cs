using EdgeIam.Config.Federation;

namespace EdgeIam.Infrastructure.Federation;

/// <summary>Properties of <see cref="OidcFederation"/>. Immutable.</summary>
/// <param name="Config">The stack's <c>oidc</c> section: providers and the roles that trust them.</param>
internal sealed record OidcFederationProps(OidcConfig Config);
