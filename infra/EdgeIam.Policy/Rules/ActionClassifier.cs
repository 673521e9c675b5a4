using EdgeIam.Policy.Reference;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// Tells read-only action patterns from ones that can write, by the access level the Service Authorization Reference
/// gives each action it matches (List and Read only; Write, Permissions management and Tagging write):
/// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_understand-policy-summary-access-level-summaries.html.
/// A verb guess is wrong both ways (<c>sts:GetFederationToken</c> is Write), and what the reference does not know
/// counts as a write.
/// </summary>
internal static class ActionClassifier
{
    /// <summary>True for <c>*</c>, <c>s3:*</c>, <c>s3:Put*</c>: a wildcard that covers write actions.</summary>
    public static bool IsWildcardWrite(string pattern) => TrustStatements.HasWildcard(pattern) && !IsReadOnly(pattern);

    /// <summary>True when every action the pattern can name is a read (<c>s3:GetObject</c>, <c>ec2:Describe*</c>).</summary>
    public static bool IsReadOnly(string pattern) => !ServiceAuthorization.CanWrite(pattern);
}
