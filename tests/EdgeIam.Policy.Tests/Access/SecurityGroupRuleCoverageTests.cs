using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using EdgeIam.Policy.Access;

namespace EdgeIam.Policy.Tests.Access;

/// <summary>Properties of ingress coverage: a rule covers itself and anything inside it, never anything wider.</summary>
public sealed class SecurityGroupRuleCoverageTests
{
    private static SecurityGroupRule Rule(string protocol, int from, int to, string cidr) =>
        SecurityGroupRule.From("G", new JsonObject { ["IpProtocol"] = protocol, ["FromPort"] = from, ["ToPort"] = to, ["CidrIp"] = cidr });

    [Fact]
    public void A_rule_covers_what_is_inside_it_and_never_a_wider_port_range_or_cidr()
    {
        var gen = Gen.Select(Gen.Int[1, 65000], Gen.Int[0, 500], Gen.Int[8, 31], Gen.Byte, Gen.OneOf(Gen.Const("tcp"), Gen.Const("udp")));
        gen.Sample((from, width, prefix, octet, protocol) =>
        {
            var cidr = string.Create(CultureInfo.InvariantCulture, $"10.{octet}.0.0/{prefix}");
            var baseRule = Rule(protocol, from, from + width, cidr);
            var inner = Rule(protocol, from, from + (width / 2), string.Create(CultureInfo.InvariantCulture, $"10.{octet}.0.0/{prefix + 1}"));
            var widerPorts = Rule(protocol, from - 1, from + width, cidr);
            var widerTop = Rule(protocol, from, from + width + 1, cidr);
            var widerCidr = Rule(protocol, from, from + width, string.Create(CultureInfo.InvariantCulture, $"10.0.0.0/{Math.Min(prefix - 1, 7)}"));
            var otherProtocol = Rule(protocol == "tcp" ? "udp" : "tcp", from, from + width, cidr);
            var all = SecurityGroupRule.From("G", new JsonObject { ["IpProtocol"] = "-1", ["CidrIp"] = cidr });

            Assert.True(baseRule.Covers(baseRule));
            Assert.True(baseRule.Covers(inner));
            Assert.True(all.Covers(baseRule));
            Assert.False(baseRule.Covers(widerPorts));
            Assert.False(baseRule.Covers(widerTop));
            Assert.False(baseRule.Covers(widerCidr));
            Assert.False(baseRule.Covers(otherProtocol));
            Assert.False(baseRule.Covers(all));
        }, iter: 2_000);
    }

    [Fact]
    public void Unresolved_ports_or_sources_are_never_covered_unless_identical()
    {
        var literal = Rule("tcp", 0, 65535, "0.0.0.0/0");
        var unresolved = SecurityGroupRule.From("G", new JsonObject { ["IpProtocol"] = "tcp", ["FromPort"] = new JsonObject { ["Ref"] = "P" }, ["ToPort"] = 443, ["CidrIp"] = "0.0.0.0/0" });
        var sourceRef = SecurityGroupRule.From("G", new JsonObject { ["IpProtocol"] = "tcp", ["FromPort"] = 443, ["ToPort"] = 443, ["CidrIp"] = new JsonObject { ["Ref"] = "Cidr" } });

        Assert.False(literal.Covers(unresolved));
        Assert.False(literal.Covers(sourceRef));
        Assert.True(sourceRef.Covers(sourceRef));
    }
}
