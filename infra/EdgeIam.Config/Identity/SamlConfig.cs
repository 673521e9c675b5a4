using EdgeIam.Config.Iam;

namespace EdgeIam.Config.Identity;

/// <summary>The <c>saml</c> section: SAML 2.0 identity providers and the roles their assertions may assume. Immutable.</summary>
public sealed record SamlConfig(IReadOnlyList<SamlProviderConfig> Providers, IReadOnlyList<SamlRoleConfig> Roles);

/// <summary>
/// An IAM SAML provider (<c>AWS::IAM::SAMLProvider</c>,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-samlprovider.html) made from the IdP's
/// metadata document, validated at load.
/// </summary>
/// <param name="Name">Provider name (also the IAM name: 1-128 of <c>[\w._-]</c>).</param>
/// <param name="KeyPath">Where it is declared, e.g. <c>saml.providers[0]</c>.</param>
/// <param name="MetadataFile">The metadata path as written in the stack file.</param>
/// <param name="MetadataDocument">The metadata XML, as read.</param>
/// <param name="EntityId">The IdP's entityID.</param>
/// <param name="SigningCertificateExpiry">The earliest expiry of the IdP's signing certificates.</param>
public sealed record SamlProviderConfig(
    string Name,
    string KeyPath,
    string MetadataFile,
    string MetadataDocument,
    string EntityId,
    DateTimeOffset SigningCertificateExpiry);

/// <summary>
/// A role trusting one SAML provider with <c>sts:AssumeRoleWithSAML</c>, <c>SAML:aud</c> pinned to the AWS sign-in
/// endpoint the IdP posts to (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html).
/// </summary>
/// <param name="Name">IAM role name.</param>
/// <param name="KeyPath">Where it is declared, e.g. <c>saml.roles[0]</c>.</param>
/// <param name="Provider">The provider's name in <c>saml.providers</c>.</param>
/// <param name="Audience">The SAML:aud value: the sign-in endpoint, e.g. <c>https://signin.aws.amazon.com/saml</c>.</param>
/// <param name="Attributes">Further StringEquals conditions on SAML keys (<c>SAML:sub</c>, …), in file order.</param>
/// <param name="Access">Permissions, managed policies and maximum session duration.</param>
public sealed record SamlRoleConfig(
    string Name,
    string KeyPath,
    string Provider,
    string Audience,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    RoleAccess Access);
