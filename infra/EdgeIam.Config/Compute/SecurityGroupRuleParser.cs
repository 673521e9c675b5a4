using System.Globalization;
using System.Text.RegularExpressions;
using EdgeIam.Config.Network;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Compute;

/// <summary>Parses <c>ingress</c> and <c>egress</c> rules of a fleet: <c>cidr</c>, <c>protocol</c>, <c>ports</c>, <c>description</c>.</summary>
internal static partial class SecurityGroupRuleParser
{
    private static readonly string[] RuleKeys = ["cidr", "protocol", "ports", "description"];

    internal static readonly KeySet IngressKeys = new("edgeFleets[].ingress[]", RuleKeys);

    internal static readonly KeySet EgressKeys = new("edgeFleets[].egress[]", RuleKeys);

    /// <summary>Remote-administration ports that must never face the internet (SSH, Telnet, RDP, WinRM).
    /// Use Systems Manager Session Manager instead: it needs no inbound port.</summary>
    public static readonly IReadOnlyList<(int Port, string Service)> AdminPorts =
        [(22, "SSH"), (23, "Telnet"), (3389, "RDP"), (5985, "WinRM"), (5986, "WinRM over HTTPS")];

    /// <summary>Blocks larger than a /8 span many networks' address space: treated as "the internet".</summary>
    public const int WidestAdminPrefixLength = 8;

    private static readonly string[] Protocols = ["tcp", "udp", "icmp"];

    public static IReadOnlyList<SecurityGroupRule> ParseIngress(MappingReader fleet, Stack.AccountQuotas quotas) =>
        ParseRules(fleet, "ingress", IngressKeys, inbound: true, quotas);

    /// <summary>Egress rules; absent means <see cref="SecurityGroupRule.HttpsAnywhere"/>, an empty list means none.</summary>
    public static IReadOnlyList<SecurityGroupRule> ParseEgress(MappingReader fleet, Stack.AccountQuotas quotas) =>
        fleet.Has("egress") ? ParseRules(fleet, "egress", EgressKeys, inbound: false, quotas) : [SecurityGroupRule.HttpsAnywhere];

    /// <summary>
    /// The rules of one direction. Each rule names one CIDR, so it is one EC2 rule; more than the account's quota
    /// would fail at deploy. Two rules with the same CIDR, protocol and ports are one rule to EC2
    /// (it refuses the duplicate), so the second is refused here, where it is.
    /// https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups
    /// </summary>
    private static IReadOnlyList<SecurityGroupRule> ParseRules(MappingReader fleet, string key, KeySet keys, bool inbound, Stack.AccountQuotas quotas)
    {
        var limit = quotas.SecurityGroupRulesPerGroup;
        var seen = new Dictionary<(Ipv4Cidr, string, int, int), string>();
        var index = 0;
        var rules = fleet.Items(key, keys, r =>
        {
            var position = index++;
            if (position == limit)
            {
                var total = fleet.Value(key) is YamlDotNet.RepresentationModel.YamlSequenceNode list ? list.Children.Count : position + 1;
                r.Context.Error(r.Node, r.Path, string.Create(CultureInfo.InvariantCulture,
                        $"{total} {(inbound ? "inbound" : "outbound")} rules exceed the quota of {limit} per security group{(limit == Stack.AccountQuotas.DefaultSecurityGroupRulesPerGroup ? " (AWS default)" : " (quotas.securityGroupRulesPerGroup)")}; this is rule {position + 1}"),
                    string.Create(CultureInfo.InvariantCulture,
                        $"merge rules into wider CIDRs or port ranges, or, if the account's quota is raised, declare it: `quotas: {{ securityGroupRulesPerGroup: N }}` (at most {Stack.AccountQuotas.MaxSecurityGroupRulesPerGroup})."));
            }

            var rule = Parse(r, inbound);
            if (rule is not null && !seen.TryAdd((rule.Cidr, rule.Protocol, rule.FromPort, rule.ToPort), r.Path))
            {
                r.Context.Error(r.Node, r.Path, $"the same rule as {seen[(rule.Cidr, rule.Protocol, rule.FromPort, rule.ToPort)]} (cidr, protocol and ports); EC2 refuses a duplicate rule",
                    "remove one of the two rules.");
                return null;
            }

            return rule;
        });
        return rules;
    }

    private static SecurityGroupRule? Parse(MappingReader rule, bool inbound)
    {
        // IPv4 only: carrier networks reach Wavelength instances over IPv4 carrier IPs.
        var cidr = CidrReader.Read(rule, "cidr", "203.0.113.0/24 (one address: /32)", required: true);
        var protocol = rule.String("protocol") ?? "tcp";
        if (!Protocols.Contains(protocol, StringComparer.Ordinal))
        {
            rule.Error("protocol", $"'{protocol}' is not a protocol EdgeIam opens", "write tcp (the default), udp or icmp.");
            return null;
        }

        var ports = ParsePorts(rule, protocol);
        var description = rule.String("description");
        if (description is not null && (description.Length > 255 || !DescriptionText().IsMatch(description)))
        {
            rule.Error("description", "is not a valid security group rule description",
                "use up to 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*.");
            description = null;
        }

        if (cidr is null || ports is null)
        {
            return null;
        }

        var result = new SecurityGroupRule(cidr.Value, protocol, ports.Value.From, ports.Value.To, description);
        if (inbound && protocol == "tcp" && cidr.Value.PrefixLength < WidestAdminPrefixLength &&
            AdminPorts.FirstOrDefault(a => result.Includes(a.Port)) is { Service: not null } admin)
        {
            rule.Error("ports", string.Create(CultureInfo.InvariantCulture,
                    $"opens {admin.Service} (port {admin.Port}) to {cidr.Value}, which is most of the internet"),
                "remove the rule and use Systems Manager Session Manager (no inbound port), or narrow cidr to your operators' network.");
            return null;
        }

        return result;
    }

    private static (int From, int To)? ParsePorts(MappingReader rule, string protocol)
    {
        var text = rule.String("ports");
        if (protocol == "icmp")
        {
            if (text is not null)
            {
                rule.Error("ports", "ICMP has no ports", "remove `ports` from an icmp rule (it allows every ICMP type).");
                return null;
            }

            return (-1, -1);
        }

        const string fix = "write one port (443) or a range (8000-8100), from 1 to 65535.";
        if (text is null)
        {
            rule.Missing("ports", fix);
            return null;
        }

        var match = PortRange().Match(text);
        if (!match.Success)
        {
            rule.Error("ports", $"'{text}' is not a port or port range", fix);
            return null;
        }

        var from = int.Parse(match.Groups["from"].Value, CultureInfo.InvariantCulture);
        var to = match.Groups["to"].Success ? int.Parse(match.Groups["to"].Value, CultureInfo.InvariantCulture) : from;
        if (from is < 1 or > 65535 || to is < 1 or > 65535 || from > to)
        {
            rule.Error("ports", $"'{text}' is not a port range from 1 to 65535 (low-high)", fix);
            return null;
        }

        return (from, to);
    }

    [GeneratedRegex(@"^(?<from>[0-9]{1,5})(-(?<to>[0-9]{1,5}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PortRange();

    // EC2 security group rule descriptions: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html
    [GeneratedRegex(@"^[a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*]*$", RegexOptions.CultureInvariant)]
    private static partial Regex DescriptionText();
}
