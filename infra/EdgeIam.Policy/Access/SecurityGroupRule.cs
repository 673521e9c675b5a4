using System.Net;
using System.Text.Json.Nodes;

namespace EdgeIam.Policy.Access;

/// <summary>
/// One security-group rule, ingress or egress: protocol, port range and the peer (the source of ingress, the
/// destination of egress: a CIDR, or another group / prefix list as canonical text).
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-security-group-rule.html
/// </summary>
internal sealed record SecurityGroupRule(string Group, bool Egress, string Protocol, int? FromPort, int? ToPort, string SourceKind, string Source, string? Description)
{
    /// <summary>
    /// What AWS gives a group whose template sets no egress: all traffic to 0.0.0.0/0
    /// (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html#default-security-group-rules).
    /// </summary>
    public static SecurityGroupRule DefaultEgress(string group) => new(group, true, "all", null, null, "cidr", "0.0.0.0/0", "default egress (no SecurityGroupEgress)");

    public static SecurityGroupRule From(string group, JsonNode? rule, bool egress = false)
    {
        var protocol = NormalizeProtocol(TemplateNode.Get(rule, "IpProtocol"));
        var prefix = egress ? "Destination" : "Source";
        var (kind, source) = TemplateNode.Get(rule, "CidrIp") is { } v4 ? ("cidr", TemplateNode.Literal(v4) ?? TemplateNode.Canonical(v4))
            : TemplateNode.Get(rule, "CidrIpv6") is { } v6 ? ("cidr", TemplateNode.Literal(v6) ?? TemplateNode.Canonical(v6))
            : TemplateNode.Get(rule, prefix + "SecurityGroupId") is { } sg ? ("group", TemplateNode.Literal(sg) ?? TemplateNode.Canonical(sg))
            : TemplateNode.Get(rule, "SourceSecurityGroupName") is { } sgn && !egress ? ("group", TemplateNode.Canonical(sgn))
            : TemplateNode.Get(rule, egress ? "DestinationPrefixListId" : "SourcePrefixListId") is { } pl ? ("prefix list", TemplateNode.Canonical(pl))
            : ("none", egress ? "(no destination)" : "(no source)");
        return new SecurityGroupRule(group, egress, protocol, TemplateNode.Int(TemplateNode.Get(rule, "FromPort")), TemplateNode.Int(TemplateNode.Get(rule, "ToPort")), kind, source, TemplateNode.Literal(TemplateNode.Get(rule, "Description")));
    }

    /// <summary>Every port: protocol -1 (all traffic), or a port of -1 (all ICMP types), or a range not a literal.</summary>
    private bool AllPorts => Protocol == "all";

    public string Ports => AllPorts || FromPort == -1 ? "all ports"
        : FromPort is null || ToPort is null ? "ports (unresolved)"
        : FromPort == ToPort ? FromPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : $"{FromPort}-{ToPort}";

    public override string ToString() => AllPorts ? $"all traffic {Peer} {Source}" : $"{Protocol} {Ports} {Peer} {Source}";

    private string Peer => Egress ? "to" : "from";

    /// <summary>True when this rule lets in at least everything <paramref name="other"/> does (fails closed on unknowns).</summary>
    public bool Covers(SecurityGroupRule other)
    {
        if (Group != other.Group || Egress != other.Egress || SourceKind != other.SourceKind || !SourceCovers(other.Source))
        {
            return false;
        }

        if (AllPorts)
        {
            return true;
        }

        if (Protocol != other.Protocol || FromPort is not { } f || ToPort is not { } t || other.FromPort is not { } of || other.ToPort is not { } ot)
        {
            return false;
        }

        // ICMP: FromPort is the type, ToPort the code, -1 meaning all.
        if (Protocol == "icmp" || Protocol == "icmpv6")
        {
            return (f == -1 || f == of) && (t == -1 || t == ot);
        }

        return f == -1 || (of >= f && ot <= t && of != -1);
    }

    private bool SourceCovers(string other)
    {
        if (Source == other)
        {
            return true;
        }

        if (SourceKind != "cidr" || !TryNetwork(Source, out var mine) || !TryNetwork(other, out var theirs))
        {
            return false;
        }

        return mine.BaseAddress.AddressFamily == theirs.BaseAddress.AddressFamily
            && mine.PrefixLength <= theirs.PrefixLength && mine.Contains(theirs.BaseAddress);
    }

    private static bool TryNetwork(string text, out IPNetwork network) => IPNetwork.TryParse(text, out network);

    private static string NormalizeProtocol(JsonNode? node)
    {
        var text = TemplateNode.Literal(node)?.ToLowerInvariant();
        // Protocol numbers: https://www.iana.org/assignments/protocol-numbers/protocol-numbers.xhtml
        return text switch
        {
            "-1" or "all" => "all",
            "6" or "tcp" => "tcp",
            "17" or "udp" => "udp",
            "1" or "icmp" => "icmp",
            "58" or "icmpv6" => "icmpv6",
            null => node is null ? "all" : TemplateNode.Canonical(node),
            _ => text,
        };
    }
}
