using EdgeIam.Config.RolesAnywhere;

namespace EdgeIam.Infrastructure.RolesAnywhere;

/// <summary>Properties of a <see cref="TrustAnchor"/>. Immutable.</summary>
/// <param name="Anchor">The validated anchor: its CA (certificate checked at load, or a Private CA ARN), CRL and expiry window.</param>
internal sealed record TrustAnchorProps(TrustAnchorConfig Anchor);
