using System.Net;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>IpAddress / NotIpAddress: the request address lies in one of the policy's IPv4 or IPv6 CIDR blocks.</summary>
internal sealed class IpAddressConditionMatcher : ConditionMatcher
{
    private readonly IPNetwork[] _networks;

    public IpAddressConditionMatcher(IReadOnlyList<string> values) =>
        _networks = values.Select(v => ConditionValueFormats.TryParseNetwork(v, out var n) ? (IPNetwork?)n : null)
            .Where(n => n.HasValue).Select(n => n!.Value).ToArray();

    public override ValueMatch MatchAny(string requestValue, RequestContext context)
    {
        if (!IPAddress.TryParse(requestValue, out var address))
        {
            return ValueMatch.NoMatch;
        }

        foreach (var network in _networks)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return ValueMatch.Match;
            }
        }

        return ValueMatch.NoMatch;
    }
}
