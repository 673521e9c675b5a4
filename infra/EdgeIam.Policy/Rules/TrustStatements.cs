using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Rules;

/// <summary>Questions the trust rules ask about a statement.</summary>
internal static class TrustStatements
{
    public const string WebIdentityAction = "sts:AssumeRoleWithWebIdentity";
    public const string RolesAnywhereService = "rolesanywhere.amazonaws.com";
    public const string SamlAction = "sts:AssumeRoleWithSAML";
    public const string SamlAudienceKey = "SAML:aud";

    /// <summary>An Allow statement that lets a SAML assertion in: a SAML provider Federated principal, or the SAML action with a Federated principal.</summary>
    public static bool IsSaml(Statement statement) =>
        statement.Effect == Effect.Allow
        && (statement.Principal?.Entries ?? []).Any(e => e.Kind == PrincipalKind.Federated
            && (FederatedProvider.From(e.Value).IsSaml || Allows(statement, SamlAction)));

    /// <summary>An AWS sign-in endpoint for SAML (https://docs.aws.amazon.com/general/latest/gr/signin-service.html).</summary>
    public static bool IsSignInEndpoint(string value) =>
        value is "https://signin.aws.amazon.com/saml" or "https://signin.amazonaws.cn/saml" or "https://signin.amazonaws-us-gov.com/saml"
        || System.Text.RegularExpressions.Regex.IsMatch(value, @"^https://[a-z]{2}(-gov)?-[a-z]+-[0-9]\.signin\.aws\.amazon\.com/saml$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>True when the statement's Action (or NotAction) lets <paramref name="action"/> through.</summary>
    public static bool Allows(Statement statement, string action)
    {
        // The evaluator's own matcher: actions compare ignoring case.
        var lowered = action.ToLowerInvariant();
        if (statement.Action is { } actions)
        {
            return new ActionMatcher(actions).MatchesAny(lowered);
        }

        return statement.NotAction is { } excluded && !new ActionMatcher(excluded).MatchesAny(lowered);
    }

    /// <summary>An Allow statement that lets an OIDC identity in: web-identity action or an OIDC Federated principal.</summary>
    public static bool IsWebIdentity(Statement statement) =>
        statement.Effect == Effect.Allow
        && (OidcIssuers(statement).Count > 0 || (statement.Principal?.Entries.Any(e => e.Kind == PrincipalKind.Federated) == true && Allows(statement, WebIdentityAction)));

    /// <summary>
    /// The condition keys (<c>&lt;issuer&gt;:&lt;claim&gt;</c>) a web-identity statement must pin, one per issuer it
    /// names; <c>&lt;issuer&gt;</c> stands in when the principal does not say which.
    /// </summary>
    public static IEnumerable<(string Issuer, string Key)> ClaimKeys(Statement statement, string claim)
    {
        var issuers = OidcIssuers(statement);
        foreach (var issuer in issuers.Count > 0 ? issuers : ["<issuer>"])
        {
            yield return (issuer, issuer + ":" + claim);
        }
    }

    /// <summary>The OIDC issuers (host/path, as condition keys are prefixed) named by Federated principals.</summary>
    public static IReadOnlyList<string> OidcIssuers(Statement statement) =>
        (statement.Principal?.Entries ?? [])
            .Where(e => e.Kind == PrincipalKind.Federated)
            .Select(e => FederatedProvider.From(e.Value))
            .Where(p => !p.IsSaml)
            .Select(p => p.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public static bool TrustsService(Statement statement, string service) =>
        statement.Principal?.Entries.Any(e => e.Kind == PrincipalKind.Service && string.Equals(e.Value, service, StringComparison.OrdinalIgnoreCase)) == true;

    /// <summary>Plain positive clauses on a key (no IfExists, no set qualifier): the ones that really pin a value.</summary>
    public static IEnumerable<ConditionClause> Pinning(Statement statement, string key, params ConditionOperatorKind[] operators) =>
        statement.ConditionsOn(key).Where(c =>
            !c.Operator.IfExists && c.Operator.SetOperator == ConditionSetOperator.None && operators.Contains(c.Operator.Kind));

    public static bool HasWildcard(string value) => value.Contains('*', StringComparison.Ordinal) || value.Contains('?', StringComparison.Ordinal);
}
