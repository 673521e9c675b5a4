using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-WEBID-002: without a <c>sub</c> condition any workflow, repository or user of the issuer can assume the role
/// (https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services).
/// </summary>
internal sealed class WebIdentitySubjectRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-WEBID-002",
        "Web-identity trust does not restrict the subject (sub)",
        Severity.Error,
        "Add \"StringEquals\": {\"<issuer>:sub\": \"repo:<owner>/<repo>:ref:refs/heads/<branch>\"} (StringLike only for a wildcard ref).",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements.Where(TrustStatements.IsWebIdentity))
            {
                foreach (var (issuer, key) in TrustStatements.ClaimKeys(statement, "sub"))
                {
                    if (!TrustStatements.Pinning(statement, key, ConditionOperatorKind.StringEquals, ConditionOperatorKind.StringLike).Any())
                    {
                        yield return For(stack, role, statement.JsonPath,
                            $"{statement.Label} trusts web identities from {issuer} without a StringEquals/StringLike condition on \"{key}\": any subject of the issuer can assume {role.DisplayName}.");
                    }
                }
            }
        }
    }
}
