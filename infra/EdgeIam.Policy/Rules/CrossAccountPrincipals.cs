using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>Finds AWS principals of other accounts in a trust statement.</summary>
internal static class CrossAccountPrincipals
{
    /// <summary>
    /// The accounts other than the stack's own that an Allow statement trusts (account roots and principal ARNs).
    /// When the stack's account is unknown, every literal account counts as another. An account the template does
    /// not fix (a parameter, even with a Default; an import; an unknown intrinsic) counts as another until proved
    /// otherwise: a deployer can pass any account. Only <c>${AWS::AccountId}</c> and this template's own resources
    /// are the stack's account.
    /// </summary>
    public static IReadOnlyList<string> In(Statement statement, StackTemplate stack)
    {
        if (statement.Effect != Effect.Allow || statement.Principal is null)
        {
            return [];
        }

        var accounts = new List<string>();
        foreach (var entry in statement.Principal.Entries.Where(e => e.Kind == PrincipalKind.Aws && e.Value != "*"))
        {
            var account = AccountOf(entry.Value);
            var unresolved = SymbolicValue.SymbolsIn(account ?? entry.Value).Where(stack.IsUnresolvedSymbol).ToList();
            if (unresolved.Count > 0)
            {
                accounts.Add($"{account ?? entry.Value} (a value the template does not fix)");
                continue;
            }

            if (account is null || SymbolicValue.ContainsSymbol(account) || account == stack.Environment.Account || account == "aws")
            {
                continue;
            }

            if (account.Length == 0)
            {
                // arn:aws:iam::root and friends name no account (EIAM-TRUST-005); never the stack's own.
                accounts.Add($"(none: \"{entry.Value}\")");
                continue;
            }

            accounts.Add(account);
        }

        return accounts.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The account part of an AWS principal. Symbols are masked first: <c>${AWS::AccountId}</c> holds colons, and an
    /// ARN split inside it would name an account "${AWS" (the stack's own account reported as another).
    /// </summary>
    private static string? AccountOf(string principal)
    {
        var symbols = SymbolicValue.SymbolsIn(principal).Distinct(StringComparer.Ordinal).ToList();
        var masked = principal;
        for (var i = 0; i < symbols.Count; i++)
        {
            masked = masked.Replace(symbols[i], $"\u0001{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}\u0001", StringComparison.Ordinal);
        }

        var account = PrincipalMatcher.AccountOf(masked) ?? AccountSegment(masked);
        for (var i = 0; account is not null && i < symbols.Count; i++)
        {
            account = account.Replace($"\u0001{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}\u0001", symbols[i], StringComparison.Ordinal);
        }

        return account;
    }

    private static string? AccountSegment(string arn)
    {
        var bounds = ArnPattern.SegmentBounds(arn);
        return bounds is null ? null : arn.Substring(bounds[4].Start, bounds[4].Length);
    }
}
