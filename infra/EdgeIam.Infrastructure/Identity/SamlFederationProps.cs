using EdgeIam.Config.Identity;

namespace EdgeIam.Infrastructure.Identity;

/// <summary>Properties of <see cref="SamlFederation"/>. Immutable.</summary>
/// <param name="Config">The stack's <c>saml</c> section.</param>
internal sealed record SamlFederationProps(SamlConfig Config);
