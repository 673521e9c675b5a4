using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Access;

/// <summary>
/// One principal a trust statement lets in (or keeps out), with the conditions in words and verbatim.
/// <see cref="PrincipalKind"/> is one of <c>oidc</c>, <c>saml</c>, <c>service</c>, <c>account</c>, <c>aws-principal</c>, <c>anyone</c>.
/// </summary>
public sealed record TrustGrant(
    Effect Effect,
    string PrincipalKind,
    string Principal,
    string Description,
    IReadOnlyList<string> Actions,
    bool NotAction,
    IReadOnlyList<ConditionFact> Conditions,
    string Statement,
    string JsonPath)
{
    /// <summary>Identity of the principal across templates: kind and name.</summary>
    public string PrincipalKey => $"{PrincipalKind}:{Principal}";
}
