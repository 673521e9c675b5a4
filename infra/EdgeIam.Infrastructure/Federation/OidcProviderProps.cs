using EdgeIam.Config.Federation;

namespace EdgeIam.Infrastructure.Federation;

/// <summary>Properties of an <see cref="OidcProvider"/>. Immutable.</summary>
/// <param name="Config">The validated provider; <c>ExistingProviderArn</c> set means another stack owns it.</param>
internal sealed record OidcProviderProps(OidcProviderConfig Config);
