using System.Text.RegularExpressions;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation;

/// <summary>A compiled <c>Principal</c> element. Principal values take no wildcards other than a lone <c>*</c>.</summary>
internal sealed partial class PrincipalMatcher
{
    private readonly bool _anyone;
    private readonly bool _anyAws;
    private readonly string[] _accounts;
    private readonly string[] _arns;
    private readonly string[] _services;
    private readonly FederatedProvider[] _providers;

    public PrincipalMatcher(PrincipalSet set)
    {
        _anyone = set.IsWildcard;
        var accounts = new List<string>();
        var arns = new List<string>();
        var services = new List<string>();
        var providers = new List<FederatedProvider>();
        foreach (var entry in set.Entries)
        {
            switch (entry.Kind)
            {
                case PrincipalKind.Aws when entry.Value == "*":
                    _anyAws = true;
                    break;
                case PrincipalKind.Aws when AccountOf(entry.Value) is { } account:
                    accounts.Add(account);
                    break;
                case PrincipalKind.Aws:
                    arns.Add(entry.Value);
                    break;
                case PrincipalKind.Service:
                    services.Add(entry.Value);
                    break;
                case PrincipalKind.Federated:
                    providers.Add(FederatedProvider.From(entry.Value));
                    break;
            }
        }

        _accounts = [.. accounts];
        _arns = [.. arns];
        _services = [.. services];
        _providers = [.. providers];
    }

    /// <summary>The account an AWS principal value delegates to: a bare 12-digit ID or an account root ARN.</summary>
    public static string? AccountOf(string awsPrincipal)
    {
        if (AccountId().IsMatch(awsPrincipal))
        {
            return awsPrincipal;
        }

        var match = RootArn().Match(awsPrincipal);
        return match.Success ? match.Groups["account"].Value : null;
    }

    public PrincipalMatch Match(RequestPrincipal caller)
    {
        if (_anyone)
        {
            return PrincipalMatch.Anyone;
        }

        switch (caller.Kind)
        {
            case PrincipalKind.Aws:
                foreach (var arn in _arns)
                {
                    if (string.Equals(arn, caller.Arn, StringComparison.Ordinal) || string.Equals(arn, caller.Value, StringComparison.Ordinal))
                    {
                        return PrincipalMatch.Exact;
                    }
                }

                foreach (var account in _accounts)
                {
                    if (string.Equals(account, caller.Account, StringComparison.Ordinal))
                    {
                        return PrincipalMatch.Account;
                    }
                }

                return _anyAws ? PrincipalMatch.Anyone : PrincipalMatch.None;
            case PrincipalKind.Service:
                foreach (var service in _services)
                {
                    // Principal values are compared exactly: only action names and condition key names are
                    // case-insensitive (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html),
                    // and service principals are listed in lower case
                    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services).
                    if (string.Equals(service, caller.Value, StringComparison.Ordinal))
                    {
                        return PrincipalMatch.Exact;
                    }
                }

                break;
            case PrincipalKind.Federated:
                foreach (var provider in _providers)
                {
                    if (provider.Matches(caller))
                    {
                        return PrincipalMatch.Exact;
                    }
                }

                break;
        }

        return _anyAws ? PrincipalMatch.Anyone : PrincipalMatch.None;
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^arn:[^:]+:iam::(?<account>[^:]+):root$")]
    private static partial Regex RootArn();
}
