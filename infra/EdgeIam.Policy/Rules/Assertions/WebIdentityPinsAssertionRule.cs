using EdgeIam.Policy.Assertions;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules.Assertions;

/// <summary>
/// EIAM-ASSERT-005 (<c>webIdentityPins</c>): a web-identity trust statement does not pin a listed claim
/// (<c>&lt;issuer&gt;:&lt;claim&gt;</c>) with a plain StringEquals on exact values
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif).
/// </summary>
internal sealed class WebIdentityPinsAssertionRule : AssertionRule<WebIdentityPinsAssertion>
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-ASSERT-005",
        "A web-identity role does not pin a claim the assertions file requires",
        Severity.Error,
        "Add \"StringEquals\": {\"<issuer>:<claim>\": \"<exact value>\"} to the statement (in the stack file: the role's subjects, audiences or conditions).",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html");

    protected override IEnumerable<Finding> Failures(StackTemplate stack, WebIdentityPinsAssertion assertion)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in Readings(role).SelectMany(r => r.TrustPolicy.Statements).Where(TrustStatements.IsWebIdentity))
            {
                foreach (var claim in assertion.Claims)
                {
                    var unpinned = TrustStatements.ClaimKeys(statement, claim)
                        .Where(k => !TrustStatements.Pinning(statement, k.Key, ConditionOperatorKind.StringEquals).Any(c => c.Values.Count > 0 && !c.Values.Any(TrustStatements.HasWildcard)))
                        .Select(k => k.Key)
                        .ToList();
                    if (unpinned.Count > 0)
                    {
                        yield return Failed(stack, assertion, role, statement.JsonPath,
                            $"{role.DisplayName} {statement.Label} does not pin {string.Join(", ", unpinned)} with StringEquals on exact values.");
                    }
                }
            }
        }
    }
}
