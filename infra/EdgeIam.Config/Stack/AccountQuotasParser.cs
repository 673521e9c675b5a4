using System.Globalization;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Stack;

/// <summary>
/// Parses <c>quotas:</c>, where a stack file declares quotas its account has had raised, so the load checks against
/// the real limit instead of AWS's default. Only quotas EdgeIam checks are accepted.
/// </summary>
internal static class AccountQuotasParser
{
    internal static readonly KeySet Keys = new("quotas", "securityGroupRulesPerGroup");

    public static AccountQuotas Parse(MappingReader root) =>
        root.Section("quotas", Keys, ParseQuotas) ?? AccountQuotas.Default;

    private static AccountQuotas ParseQuotas(MappingReader quotas)
    {
        var rules = quotas.Int("securityGroupRulesPerGroup", 1, AccountQuotas.MaxSecurityGroupRulesPerGroup,
            fix: string.Create(CultureInfo.InvariantCulture,
                $"write the account's quota of inbound (= outbound) rules per security group, from 1 to {AccountQuotas.MaxSecurityGroupRulesPerGroup} (AWS default {AccountQuotas.DefaultSecurityGroupRulesPerGroup}; the quota times security groups per network interface is capped at 1,000)."));
        return new AccountQuotas(rules ?? AccountQuotas.DefaultSecurityGroupRulesPerGroup);
    }
}
