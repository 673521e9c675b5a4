using EdgeIam.Config.Federation;
using EdgeIam.Config.Iam;
using EdgeIam.Infrastructure.Iam;

namespace EdgeIam.Infrastructure.Federation;

/// <summary>
/// Trust statements of a web-identity role. Every statement pins <c>aud</c> with StringEquals and constrains
/// <c>sub</c>; exact subjects (StringEquals) and patterns (StringLike) go into separate statements, because two
/// operators in one statement are ANDed: a token would have to equal an exact subject AND match a pattern
/// (terraform-aws-iam issue #633). Extra claim conditions are added to every statement.
/// </summary>
internal static class WebIdentityTrust
{
    public const string Action = "sts:AssumeRoleWithWebIdentity";

    /// <summary>Sid of the statement holding subject patterns (the one <c>allowOrgWideSubjects</c> may widen).</summary>
    public const string PatternSid = "WebIdentitySubjectPatterns";

    public static IReadOnlyList<IamStatement> Statements(OidcProvider provider, OidcRoleConfig role)
    {
        var statements = new List<IamStatement>();
        if (role.ExactSubjects.Count > 0)
        {
            statements.Add(Statement("WebIdentityExactSubjects", provider, role, "StringEquals", role.ExactSubjects));
        }

        if (role.PatternSubjects.Count > 0)
        {
            statements.Add(Statement(PatternSid, provider, role, "StringLike", role.PatternSubjects));
        }

        return statements;
    }

    private static IamStatement Statement(string sid, OidcProvider provider, OidcRoleConfig role, string subjectOperator, IReadOnlyList<string> subjects)
    {
        var config = provider.Config;
        var conditions = new List<PolicyCondition>
        {
            new("StringEquals", config.ConditionKey("aud"), [role.Audience]),
            new(subjectOperator, config.ConditionKey("sub"), subjects),
        };
        conditions.AddRange(role.ClaimConditions);
        return new IamStatement(sid, Allow: true, [Action], [],
            new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["Federated"] = [provider.Arn] },
            EdgeRole.ToConditions(conditions));
    }
}
