using EdgeIam.Config.Federation;
using EdgeIam.Config.Iam;
using EdgeIam.Infrastructure.Iam;

namespace EdgeIam.Infrastructure.Federation;

/// <summary>
/// The trust statement of a cross-account role: the trusted accounts (<c>:root</c>) or roles may call
/// <c>sts:AssumeRole</c> only with the external ID, plus MFA and organization conditions when configured.
/// </summary>
internal static class CrossAccountTrust
{
    public static IamStatement Statement(CrossAccountRoleConfig role, string partition)
    {
        var actions = new List<string> { "sts:AssumeRole" };
        if (role.AllowSessionTags)
        {
            actions.Add("sts:TagSession");
        }

        if (role.AllowSourceIdentity)
        {
            actions.Add("sts:SetSourceIdentity");
        }

        var conditions = new List<PolicyCondition> { new("StringEquals", "sts:ExternalId", [role.ExternalId]) };
        if (role.RequireOrgId is { } orgId)
        {
            conditions.Add(new("StringEquals", "aws:PrincipalOrgID", [orgId]));
        }

        if (role.RequireMfa)
        {
            // Bool, not BoolIfExists: credentials without MFA context (access keys) are refused too.
            conditions.Add(new("Bool", "aws:MultiFactorAuthPresent", ["true"]));
        }

        // Principals as literal ARNs in the stack's partition, so the template states exactly who is trusted.
        var principals = role.TrustedAccounts.Select(a => $"arn:{partition}:iam::{a}:root").Concat(role.TrustedPrincipals);
        return new IamStatement("CrossAccountWithExternalId", Allow: true, actions, [],
            new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["AWS"] = [.. principals] },
            EdgeRole.ToConditions(conditions));
    }
}
