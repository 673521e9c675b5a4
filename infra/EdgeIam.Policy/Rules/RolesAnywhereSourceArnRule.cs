using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-RA-001: without <c>aws:SourceArn</c> naming a trust anchor, a certificate from any anchor in the account
/// (any CA someone registers later) can assume the role
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html#trust-policy).
/// </summary>
internal sealed class RolesAnywhereSourceArnRule : PolicyRule
{
    private static readonly ConditionOperatorKind[] Equality =
        [ConditionOperatorKind.ArnEquals, ConditionOperatorKind.ArnLike, ConditionOperatorKind.StringEquals, ConditionOperatorKind.StringLike];

    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-RA-001",
        "Roles Anywhere trust without aws:SourceArn locked to a trust anchor of this template",
        Severity.Error,
        "Add \"ArnEquals\": {\"aws:SourceArn\": [{\"Fn::GetAtt\": [\"<TrustAnchor>\", \"TrustAnchorArn\"]}]} naming this stack's anchor.",
        "https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements.Where(s =>
                s.Effect == Effect.Allow && TrustStatements.TrustsService(s, TrustStatements.RolesAnywhereService)))
            {
                var clauses = TrustStatements.Pinning(statement, "aws:SourceArn", Equality).ToList();
                if (clauses.Count == 0)
                {
                    yield return For(stack, role, statement.JsonPath,
                        $"{statement.Label} trusts IAM Roles Anywhere without an aws:SourceArn condition: any trust anchor in the account can issue sessions for {role.DisplayName}.");
                    continue;
                }

                foreach (var clause in clauses)
                {
                    foreach (var value in clause.Values.Where(v => !IsAnchorOfStack(stack, v)))
                    {
                        yield return For(stack, role, clause.JsonPath,
                            $"{statement.Label}: aws:SourceArn \"{value}\" is not a trust anchor of this template (expected Fn::GetAtt <anchor>.TrustAnchorArn).");
                    }
                }
            }
        }
    }

    private static bool IsAnchorOfStack(StackTemplate stack, string value) =>
        SymbolicValue.TryParseReference(value, out var id, out var attribute)
        && attribute == "TrustAnchorArn"
        && stack.TypeOf(id) == "AWS::RolesAnywhere::TrustAnchor";
}
