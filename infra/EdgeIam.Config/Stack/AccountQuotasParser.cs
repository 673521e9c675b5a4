using System.Globalization;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Stack;

/// <summary>
/// Parses <c>quotas:</c>, where a stack file declares quotas its account has had raised, so the load checks against
/// the real limit instead of AWS's default. Only quotas EdgeIam checks are accepted.
/// </summary>
internal static class AccountQuotasParser
{
    internal static readonly KeySet Keys = new("quotas", ["securityGroupRulesPerGroup", .. AwsQuotas.Declarable.Select(q => q.Key!)]);

    public static AccountQuotas Parse(MappingReader root) =>
        root.Section("quotas", Keys, ParseQuotas) ?? AccountQuotas.Default;

    private static AccountQuotas ParseQuotas(MappingReader quotas)
    {
        var rules = quotas.Int("securityGroupRulesPerGroup", 1, AccountQuotas.MaxSecurityGroupRulesPerGroup,
            fix: string.Create(CultureInfo.InvariantCulture,
                $"write the account's quota of inbound (= outbound) rules per security group, from 1 to {AccountQuotas.MaxSecurityGroupRulesPerGroup} (AWS default {AccountQuotas.DefaultSecurityGroupRulesPerGroup}; the quota times security groups per network interface is capped at 1,000)."));
        var declared = new Dictionary<string, (int, Federation.SourcePosition)>(StringComparer.Ordinal);
        foreach (var quota in AwsQuotas.Declarable)
        {
            var key = quota.Key!;
            var max = quota.Max ?? AwsQuotas.UnstatedMax;
            var value = quotas.Int(key, quota.Default, max, fix: string.Create(CultureInfo.InvariantCulture,
                $"write the account's raised quota '{quota.Name}' as the Service Quotas console shows it: at least AWS's default {quota.Default:N0}{(quota.Max is { } m ? $", at most the {m:N0} AWS grants" : "")} ({quota.Page})."));
            if (value is { } v)
            {
                var node = quotas.Value(key)!;
                declared[key] = (v, new Federation.SourcePosition(quotas.Context.File, (int)node.Start.Line, (int)node.Start.Column, quotas.PathOf(key)));
            }
        }

        return new AccountQuotas(rules ?? AccountQuotas.DefaultSecurityGroupRulesPerGroup) { Declared = declared };
    }
}
