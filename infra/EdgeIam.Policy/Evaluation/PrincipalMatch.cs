namespace EdgeIam.Policy.Evaluation;

/// <summary>How a statement's principal element matched the caller.</summary>
public enum PrincipalMatch
{
    /// <summary>The statement does not apply to this caller.</summary>
    None,

    /// <summary>The statement has no principal element (an identity policy): it applies to whoever holds it.</summary>
    NotApplicable,

    /// <summary><c>"*"</c> or <c>{"AWS": "*"}</c>: anyone.</summary>
    Anyone,

    /// <summary>
    /// The caller's account is named (<c>arn:aws:iam::123456789012:root</c> or the bare account ID): the account
    /// decides, so the caller's identity policy must also allow the call
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts).
    /// </summary>
    Account,

    /// <summary>The caller itself (role/user ARN, service, identity provider) is named.</summary>
    Exact,

    /// <summary>A <c>NotPrincipal</c> statement that does not exclude the caller.</summary>
    NotExcluded,
}
