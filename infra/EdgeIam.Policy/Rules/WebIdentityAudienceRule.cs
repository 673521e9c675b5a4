using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-WEBID-001: without <c>aud</c> pinned by StringEquals, a token minted for another application of the same
/// issuer is accepted (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html).
/// </summary>
internal sealed class WebIdentityAudienceRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-WEBID-001",
        "Web-identity trust does not pin the audience (aud) with StringEquals",
        Severity.Error,
        "Add \"StringEquals\": {\"<issuer>:aud\": \"<client id, e.g. sts.amazonaws.com>\"} to the statement.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements.Where(TrustStatements.IsWebIdentity))
            {
                foreach (var (issuer, key) in TrustStatements.ClaimKeys(statement, "aud"))
                {
                    var pinned = TrustStatements.Pinning(statement, key, ConditionOperatorKind.StringEquals)
                        .Any(c => !c.Values.Any(TrustStatements.HasWildcard));
                    if (!pinned)
                    {
                        var how = statement.ConditionsOn(key).Any()
                            ? $"\"{key}\" is tested, but not with a plain StringEquals on exact values"
                            : $"no condition on \"{key}\"";
                        yield return For(stack, role, statement.JsonPath, $"{statement.Label} trusts web identities from {issuer} with {how}.");
                    }
                }
            }
        }
    }
}
