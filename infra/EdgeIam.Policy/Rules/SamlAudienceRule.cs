using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-SAML-001: a SAML trust without <c>SAML:aud</c> pinned by StringEquals to an AWS sign-in endpoint accepts an
/// assertion the IdP issued for any other service provider
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html; endpoints:
/// https://docs.aws.amazon.com/general/latest/gr/signin-service.html).
/// </summary>
internal sealed class SamlAudienceRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-SAML-001",
        "SAML trust does not pin SAML:aud to an AWS sign-in endpoint with StringEquals",
        Severity.Error,
        "Add \"StringEquals\": {\"SAML:aud\": \"https://signin.aws.amazon.com/saml\"} (or the regional endpoint the IdP posts to).",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements.Where(TrustStatements.IsSaml))
            {
                var values = TrustStatements.Pinning(statement, TrustStatements.SamlAudienceKey, ConditionOperatorKind.StringEquals)
                    .SelectMany(c => c.Values).ToList();
                if (values.Count == 0)
                {
                    var how = statement.ConditionsOn(TrustStatements.SamlAudienceKey).Any()
                        ? "\"SAML:aud\" is tested, but not with a plain StringEquals"
                        : "no condition on \"SAML:aud\"";
                    yield return For(stack, role, statement.JsonPath, $"{statement.Label} trusts SAML assertions with {how}: an assertion issued for another service provider is accepted by {role.DisplayName}.");
                }
                else if (values.FirstOrDefault(v => !TrustStatements.IsSignInEndpoint(v)) is { } other)
                {
                    yield return For(stack, role, statement.JsonPath, $"{statement.Label}: SAML:aud \"{other}\" is not an AWS sign-in endpoint (https://signin.aws.amazon.com/saml or https://<region>.signin.aws.amazon.com/saml).");
                }
            }
        }
    }
}
