namespace EdgeIam.Policy.Model;

/// <summary>The keys of a <c>Principal</c> block, and the kinds of caller a request can come from.</summary>
public enum PrincipalKind
{
    /// <summary>An AWS account, IAM user or role (<c>"AWS"</c>).</summary>
    Aws,

    /// <summary>An AWS service principal such as <c>ec2.amazonaws.com</c>.</summary>
    Service,

    /// <summary>An identity provider: an OIDC or SAML provider ARN, or a well-known IdP such as <c>cognito-identity.amazonaws.com</c>.</summary>
    Federated,

    /// <summary>An S3 canonical user ID.</summary>
    CanonicalUser,
}
