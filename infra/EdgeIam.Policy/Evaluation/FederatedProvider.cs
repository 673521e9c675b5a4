namespace EdgeIam.Policy.Evaluation;

/// <summary>
/// A <c>Federated</c> principal value: an OIDC provider ARN (<c>arn:aws:iam::111111111111:oidc-provider/host/path</c>),
/// a SAML provider ARN, or a well-known IdP name such as <c>cognito-identity.amazonaws.com</c>.
/// </summary>
internal sealed record FederatedProvider(string Value, string Name, string? Account, bool IsSaml)
{
    public static FederatedProvider From(string value)
    {
        const string Oidc = ":oidc-provider/";
        var oidc = value.IndexOf(Oidc, StringComparison.Ordinal);
        if (value.StartsWith("arn:", StringComparison.Ordinal) && oidc > 0)
        {
            return new FederatedProvider(value, value[(oidc + Oidc.Length)..], AccountSegment(value), IsSaml: false);
        }

        if (value.Contains(":saml-provider/", StringComparison.Ordinal))
        {
            return new FederatedProvider(value, value, AccountSegment(value), IsSaml: true);
        }

        return new FederatedProvider(value, value, null, IsSaml: false);
    }

    /// <summary>The OIDC issuer host/path, or the IdP name; null for SAML.</summary>
    public string? Issuer => IsSaml ? null : Name;

    public bool Matches(RequestPrincipal caller)
    {
        if (caller.ProviderName is null)
        {
            return false;
        }

        if (IsSaml)
        {
            return string.Equals(Value, caller.ProviderName, StringComparison.Ordinal);
        }

        // An OIDC provider lives in the role's own account; when the caller names an account, it must agree.
        if (caller.Account is not null && Account is not null && !string.Equals(caller.Account, Account, StringComparison.Ordinal))
        {
            return false;
        }

        // The provider ARN holds the URL as registered, which corresponds to the token's iss claim
        // (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html); OIDC compares
        // issuers exactly (https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation).
        return string.Equals(Name, caller.ProviderName, StringComparison.Ordinal);
    }

    private static string? AccountSegment(string arn)
    {
        var bounds = ArnPattern.SegmentBounds(arn);
        return bounds is null ? null : arn.Substring(bounds[4].Start, bounds[4].Length);
    }
}
