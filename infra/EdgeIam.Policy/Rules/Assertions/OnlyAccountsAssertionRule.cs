using EdgeIam.Policy.Assertions;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules.Assertions;

/// <summary>
/// EIAM-ASSERT-003 (<c>onlyAccounts</c>): an Allow trust statement lets in an AWS principal outside the stack's
/// account, the listed accounts and the listed organizations. A statement counts as inside when it pins
/// <c>aws:PrincipalOrgID</c> or <c>aws:PrincipalAccount</c> with StringEquals to listed values
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid);
/// a principal the template does not fix, <c>"*"</c> or <c>NotPrincipal</c> otherwise counts as outside.
/// </summary>
internal sealed class OnlyAccountsAssertionRule : AssertionRule<OnlyAccountsAssertion>
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-ASSERT-003",
        "A role trusts an AWS account outside the accounts and organizations the assertions file allows",
        Severity.Error,
        "Remove the outside principal from the trust policy, pin aws:PrincipalOrgID to an allowed organization, or add the account to the onlyAccounts assertion.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_aws-accounts.html");

    protected override IEnumerable<Finding> Failures(StackTemplate stack, OnlyAccountsAssertion assertion)
    {
        var allowed = new HashSet<string>(assertion.Accounts, StringComparer.Ordinal);
        if (stack.Environment.Account is { } own)
        {
            allowed.Add(own);
        }

        foreach (var role in stack.Roles)
        {
            foreach (var statement in Readings(role).SelectMany(r => r.TrustPolicy.Statements).Where(s => s.Effect == Effect.Allow))
            {
                var outside = Outside(statement, stack, allowed, assertion.Organizations);
                if (outside.Count > 0)
                {
                    yield return Failed(stack, assertion, role, statement.JsonPath,
                        $"{role.DisplayName} {statement.Label} trusts {string.Join(", ", outside)}, outside {Allowed(allowed, assertion.Organizations)}.");
                }
            }
        }
    }

    private static List<string> Outside(Statement statement, StackTemplate stack, HashSet<string> allowed, IReadOnlyList<string> organizations)
    {
        if (statement.NotPrincipal is not null)
        {
            return ["every principal but those in NotPrincipal"];
        }

        if (statement.Principal is null
            || PinnedWithin(statement, "aws:PrincipalOrgID", organizations)
            || PinnedWithin(statement, "aws:PrincipalAccount", allowed))
        {
            return [];
        }

        var outside = new List<string>();
        if (statement.Principal.AllowsAnyone)
        {
            outside.Add("any AWS account (\"*\")");
        }

        outside.AddRange(CrossAccountPrincipals.In(statement, stack).Where(a => !allowed.Contains(a)).Select(a => $"account {a}"));
        return outside;
    }

    /// <summary>A plain StringEquals on <paramref name="key"/> whose every value is exact and listed.</summary>
    private static bool PinnedWithin(Statement statement, string key, IReadOnlyCollection<string> listed) =>
        listed.Count > 0 && TrustStatements.Pinning(statement, key, ConditionOperatorKind.StringEquals)
            .Any(c => c.Values.Count > 0 && c.Values.All(v => !TrustStatements.HasWildcard(v) && listed.Contains(v, StringComparer.Ordinal)));

    private static string Allowed(HashSet<string> accounts, IReadOnlyList<string> organizations)
    {
        var parts = new List<string>();
        if (accounts.Count > 0)
        {
            parts.Add("accounts " + string.Join(", ", accounts.Order(StringComparer.Ordinal)));
        }

        if (organizations.Count > 0)
        {
            parts.Add("organizations " + string.Join(", ", organizations));
        }

        return parts.Count == 0 ? "the stack's account (unknown here)" : string.Join(" and ", parts);
    }
}
