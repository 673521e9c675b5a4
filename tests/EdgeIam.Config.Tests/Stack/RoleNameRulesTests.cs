using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Stack;

public sealed class RoleNameRulesTests
{
    [Fact]
    public void RoleNamesAreUniqueAcrossSectionsIgnoringCase()
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + """
            network:
              vpcCidr: 10.20.0.0/16
              wavelengthZones:
                - zone: us-east-1-wl1-bos-wlz-1
                  subnetCidr: 10.20.10.0/24
            edgeFleets:
              - name: partner-audit
                zone: us-east-1-wl1-bos-wlz-1
                instanceType: t3.medium
                count: 1
            crossAccount:
              - name: Partner-Audit
                trustedAccounts: ["222222222222"]
                externalId: partner-audit-9f2c
            """);
        Assert.Equal("crossAccount[0].name", error.KeyPath);
        Assert.Equal("role name 'Partner-Audit' is also used by edgeFleets[0].name; IAM role names are unique per account (case-insensitive)", error.Message);
        Assert.Equal(14, error.Line);
    }
}
