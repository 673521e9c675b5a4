using EdgeIam.Policy.Assertions;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules.Assertions;

/// <summary>
/// EIAM-ASSERT-006 (<c>noRoleAcceptsTrustAnchor</c>): a role trusting Roles Anywhere may take sessions through the
/// named trust anchor. A statement accepts it unless a plain ArnEquals/ArnLike/StringEquals/StringLike on
/// <c>aws:SourceArn</c> lists only values that cannot be that anchor (other anchors of this stack, or literal ARNs
/// of other trust anchors); no <c>aws:SourceArn</c> condition, a negated operator or a value the template does not
/// fix accepts it (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html#trust-policy).
/// </summary>
internal sealed class NoRoleAcceptsTrustAnchorAssertionRule : AssertionRule<NoRoleAcceptsTrustAnchorAssertion>
{
    private const string SourceArn = "aws:SourceArn";

    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-ASSERT-006",
        "A Roles Anywhere role accepts a trust anchor the assertions file forbids",
        Severity.Error,
        "Pin aws:SourceArn in the role's trust to the anchors it should accept (rolesAnywhere.roles[].trustAnchors), or correct the assertion.",
        "https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html");

    protected override IEnumerable<Finding> Failures(StackTemplate stack, NoRoleAcceptsTrustAnchorAssertion assertion)
    {
        var anchor = stack.TrustAnchors.FirstOrDefault(a => a.IsNamed(assertion.TrustAnchor));
        if (anchor is null)
        {
            yield return Failed(stack, assertion, null, assertion.JsonPath, $"the stack has no trust anchor '{assertion.TrustAnchor}'.");
            yield break;
        }

        var others = stack.TrustAnchors.Where(a => a != anchor).Select(a => a.ArnSymbol).ToHashSet(StringComparer.Ordinal);
        foreach (var role in stack.Roles)
        {
            foreach (var statement in Readings(role).SelectMany(r => r.TrustPolicy.Statements).Where(s => Trusts(s)))
            {
                if (!Excludes(statement, others))
                {
                    yield return Failed(stack, assertion, role, statement.JsonPath,
                        $"{role.DisplayName} {statement.Label} lets Roles Anywhere sessions in without an aws:SourceArn condition that excludes trust anchor '{assertion.TrustAnchor}'.");
                }
            }
        }
    }

    private static bool Trusts(Statement statement) =>
        statement.Effect == Effect.Allow && TrustStatements.Allows(statement, "sts:AssumeRole")
        && (statement.NotPrincipal is not null || statement.Principal?.AllowsAnyone == true || TrustStatements.TrustsService(statement, TrustStatements.RolesAnywhereService));

    /// <summary>True when some plain positive clause on aws:SourceArn admits only values that are surely not the anchor.</summary>
    private static bool Excludes(Statement statement, HashSet<string> otherAnchors) =>
        TrustStatements.Pinning(statement, SourceArn, ConditionOperatorKind.ArnEquals, ConditionOperatorKind.ArnLike, ConditionOperatorKind.StringEquals, ConditionOperatorKind.StringLike)
            .Any(c => c.Values.Count > 0 && c.Values.All(v => otherAnchors.Contains(v) || IsOtherLiteralAnchor(v)));

    /// <summary>A literal trust-anchor ARN without wildcards or symbols: it names an anchor outside this template, never this one.</summary>
    private static bool IsOtherLiteralAnchor(string value) =>
        !SymbolicValue.ContainsSymbol(value) && !TrustStatements.HasWildcard(value) && value.StartsWith("arn:", StringComparison.Ordinal) && value.Contains(":trust-anchor/", StringComparison.Ordinal);
}
