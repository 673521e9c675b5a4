using EdgeIam.Config.Network;

namespace EdgeIam.Config.Tests.Network;

public sealed class Ipv4CidrTests
{
    [Theory]
    [InlineData("10.20.0.0/16", "10.20.0.0/16")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("255.255.255.255/32", "255.255.255.255/32")]
    public void Round_trips_well_formed_blocks(string text, string expected) =>
        Assert.Equal(expected, Ipv4Cidr.Parse(text)!.Value.ToString());

    [Theory]
    [InlineData("10.20.0.0")]
    [InlineData("10.20.0/16")]
    [InlineData("10.20.0.256/24")]
    [InlineData("10.20.0.0/33")]
    [InlineData("10.020.0.0/16")]
    [InlineData("10.20.0.0/-1")]
    [InlineData(" 10.20.0.0/16")]
    [InlineData("2001:db8::/32")]
    public void Refuses_malformed_blocks(string text) => Assert.Null(Ipv4Cidr.Parse(text));

    [Fact]
    public void Containment_and_overlap_follow_the_address_ranges()
    {
        var vpc = Ipv4Cidr.Parse("10.20.0.0/16")!.Value;
        var inside = Ipv4Cidr.Parse("10.20.255.240/28")!.Value;
        var outside = Ipv4Cidr.Parse("10.21.0.0/24")!.Value;
        var wider = Ipv4Cidr.Parse("10.0.0.0/8")!.Value;

        Assert.True(vpc.Contains(inside));
        Assert.False(vpc.Contains(outside));
        Assert.False(vpc.Contains(wider));
        Assert.True(vpc.Overlaps(wider));
        Assert.False(vpc.Overlaps(outside));
    }

    [Fact]
    public void Host_bits_are_detected_and_cleared()
    {
        var cidr = Ipv4Cidr.Parse("10.20.10.5/24")!.Value;

        Assert.False(cidr.IsNetworkAddress);
        Assert.Equal("10.20.10.0/24", cidr.WithNetworkAddress().ToString());
    }
}
