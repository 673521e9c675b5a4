using EdgeIam.Config.Stack;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Stack;

public sealed class RoleNamesTests
{
    private const string Network = """
        network:
          vpcCidr: 10.20.0.0/16
          wavelengthZones:
            - zone: us-east-1-wl1-bos-wlz-1
              subnetCidr: 10.20.10.0/24

        """;

    [Fact]
    public void RoleNamesAreUniqueAcrossSectionsIgnoringCase()
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + Network + """
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

    [Fact]
    public void ThePhysicalNameCarriesTheStack() =>
        Assert.Equal("EdgeIam-prod-GitHubDeploy", RoleNames.Physical("EdgeIam-prod", "GitHubDeploy"));

    [Theory]
    [InlineData(52, false)] // EdgeIam-dev- (12) + 52 = 64: IAM's limit exactly
    [InlineData(53, true)]
    public void ThePrefixedNameIsAtMost64Characters(int length, bool refused)
    {
        var name = new string('R', length);
        var result = StackFiles.Load(StackFiles.Minimal + $"""
            crossAccount:
              - name: {name}
                trustedAccounts: ["222222222222"]
                externalId: partner-audit-9f2c
            """);
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        if (!refused)
        {
            Assert.Empty(errors);
            return;
        }

        var error = Assert.Single(errors);
        Assert.Equal("crossAccount[0].name", error.KeyPath);
        Assert.Equal((4, 11), (error.Line, error.Column));
        Assert.Equal($"the IAM role name 'EdgeIam-dev-{name}' is 65 characters, over IAM's 64 (EdgeIam prefixes every role name with 'EdgeIam-dev-')", error.Message);
        Assert.Equal("shorten the name to at most 52 characters.", error.Fix);
    }

    [Fact]
    public void EveryOverLongRoleOfEverySectionIsReportedAtItsName()
    {
        // A 40-character stack name leaves 64 - 49 = 15 characters for a role name: the 16-character names are refused, the 14-character ones pass.
        var stack = new string('s', 40);
        var result = StackFiles.LoadAs(stack, StackFiles.Minimal + Network + """
            edgeFleets:
              - name: fleet-with-16-ch
                zone: us-east-1-wl1-bos-wlz-1
                instanceType: t3.medium
                count: 1
              - name: fleet-14-chars
                zone: us-east-1-wl1-bos-wlz-1
                instanceType: t3.medium
                count: 1
            oidc:
              providers:
                - name: github
                  preset: github
              roles:
                - name: GitHubDeployProd
                  provider: github
                  subjects: ["repo:acme/edge:ref:refs/heads/main"]
            crossAccount:
              - name: PartnerAuditRole
                trustedAccounts: ["222222222222"]
                externalId: partner-audit-9f2c
              - name: PartnerReadRol
                trustedAccounts: ["222222222222"]
                externalId: partner-audit-9f2c
            """);
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        Assert.Equal(
            [("edgeFleets[0].name", 9), ("oidc.roles[0].name", 22), ("crossAccount[0].name", 26)],
            errors.Select(e => (e.KeyPath, e.Line)));
        Assert.All(errors, e => Assert.Contains("over IAM's 64", e.Message, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.Equal("shorten the name to at most 15 characters.", e.Fix));
        Assert.Empty(result.Stacks);
    }

    [Fact]
    public void RolesAnywhereRoleNamesAreCheckedWithThePrefixToo()
    {
        var result = StackFiles.LoadAs(new string('s', 40), StackFiles.Minimal + """
            rolesAnywhere:
              trustAnchors:
                - name: factory-pca
                  acmPcaArn: arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/11111111-2222-3333-4444-555555555555
              profiles:
                - name: factory-line
                  trustAnchors: [factory-pca]
                  roles: [FactoryDeviceRole]
              roles:
                - name: FactoryDeviceRole
                  allowedSubjects: ["plc-?"]
            """);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(("rolesAnywhere.roles[0].name", 12), (error.KeyPath, error.Line));
        Assert.Contains("is 66 characters, over IAM's 64", error.Message, StringComparison.Ordinal);
    }
}
