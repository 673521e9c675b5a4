using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>Finds AWS principals of other accounts in a trust statement.</summary>
public static class CrossAccountPrincipals
{
    /// <summary>
    /// The accounts other than the stack's own that an Allow statement trusts (account roots and principal ARNs).
    /// When the stack's account is unknown, every literal account counts as another.
    /// </summary>
    public static IReadOnlyList<string> In(Statement statement, StackEnvironment environment)
    {
        if (statement.Effect != Effect.Allow || statement.Principal is null)
        {
            return [];
        }

        var accounts = new List<string>();
        foreach (var entry in statement.Principal.Entries.Where(e => e.Kind == PrincipalKind.Aws && e.Value != "*"))
        {
            var account = PrincipalMatcher.AccountOf(entry.Value) ?? AccountSegment(entry.Value);
            if (account is null || SymbolicValue.ContainsSymbol(account) || account == environment.Account || account == "aws")
            {
                continue;
            }

            accounts.Add(account);
        }

        return accounts.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string? AccountSegment(string arn)
    {
        var bounds = ArnPattern.SegmentBounds(arn);
        return bounds is null ? null : arn.Substring(bounds[4].Start, bounds[4].Length);
    }
}
