using EdgeIam.Config.RolesAnywhere;
using EdgeIam.Infrastructure.Iam;

namespace EdgeIam.Infrastructure.RolesAnywhere;

/// <summary>
/// The trust statement of every Roles Anywhere role: the service principal with the three actions the service needs
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html#role-trusts), locked with
/// <c>ArnEquals aws:SourceArn</c> to the role's trust anchors, and with <c>StringLike</c> on the certificate's
/// subject/issuer CN session tags when patterns are given
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/workload-identities.html). Without the SourceArn lock,
/// a certificate from any anchor of the account could assume the role.
/// </summary>
internal static class RolesAnywhereTrust
{
    public const string SubjectCommonNameKey = "aws:PrincipalTag/x509Subject/CN";
    public const string IssuerCommonNameKey = "aws:PrincipalTag/x509Issuer/CN";

    public static readonly IReadOnlyList<string> Actions = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"];

    // With @aws-cdk/aws-iam:standardizedServicePrincipals (pinned in EdgeIamApp) the CDK writes a service principal as given.
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ServicePrincipal =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["Service"] = [RolesAnywhereNames.ServicePrincipal] };

    public static IamStatement Statement(IReadOnlyList<string> trustAnchorArns, IReadOnlyList<string> subjects, IReadOnlyList<string> issuers)
    {
        if (trustAnchorArns.Count == 0)
        {
            throw new ArgumentException("a Roles Anywhere role must be locked to at least one trust anchor", nameof(trustAnchorArns));
        }

        var conditions = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["ArnEquals"] = new Dictionary<string, object> { ["aws:SourceArn"] = trustAnchorArns.ToArray() },
        };
        var patterns = new Dictionary<string, object>(StringComparer.Ordinal);
        if (subjects.Count > 0)
        {
            patterns[SubjectCommonNameKey] = subjects.ToArray();
        }

        if (issuers.Count > 0)
        {
            patterns[IssuerCommonNameKey] = issuers.ToArray();
        }

        if (patterns.Count > 0)
        {
            conditions["StringLike"] = patterns;
        }

        return new IamStatement(null, Allow: true, Actions, [], ServicePrincipal, conditions);
    }
}
