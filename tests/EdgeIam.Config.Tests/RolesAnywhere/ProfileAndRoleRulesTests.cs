using EdgeIam.Config.RolesAnywhere;
using EdgeIam.Config.Tests.Support;
using static EdgeIam.Config.Tests.RolesAnywhere.RolesAnywhereFixtures;

namespace EdgeIam.Config.Tests.RolesAnywhere;

/// <summary>Profiles, roles and what spans them: references, usage, names, CN patterns and attribute mappings.</summary>
public sealed class ProfileAndRoleRulesTests
{
    private const string PcaArn = "arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/4f2d9c1e-8a7b-4c3d-9e0f-1a2b3c4d5e6f";

    /// <summary>Two anchors, two profiles, three roles; SharedWriter is in both profiles.</summary>
    private const string TwoProfiles = $$"""
        rolesAnywhere:
          trustAnchors:
            - name: edge-ca
              certificate: pki/ca.crt
            - name: factory-pca
              acmPcaArn: {{PcaArn}}
          profiles:
            - name: edge-device
              trustAnchors: [edge-ca]
              roles: [EdgeDeviceRole, SharedWriter]
            - name: factory-line
              trustAnchors: [factory-pca]
              roles: [SharedWriter, FactoryRole]
              sessionDuration: 15m
          roles:
            - name: EdgeDeviceRole
              allowedSubjects: ["sensor-*"]
            - name: SharedWriter
              allowedSubjects: ["sensor-*", "plc-?"]
            - name: FactoryRole
              allowedSubjects: ["plc-?"]
        """;

    private static string Edit(string from, string to, string section = Section)
    {
        Assert.Contains(from, section, StringComparison.Ordinal);
        return Yaml(section.Replace(from, to, StringComparison.Ordinal));
    }

    [Fact]
    public void RolesTrustExactlyTheAnchorsOfTheProfilesThatUseThem()
    {
        var config = StackFiles.Valid(Yaml(TwoProfiles), CaFile()).RolesAnywhere!;
        var roles = config.Roles.ToDictionary(r => r.Name, r => r.TrustAnchorNames);
        Assert.Equal(["edge-ca"], roles["EdgeDeviceRole"]);
        Assert.Equal(["edge-ca", "factory-pca"], roles["SharedWriter"]);
        Assert.Equal(["factory-pca"], roles["FactoryRole"]);
        Assert.Equal(900, config.Profiles[1].SessionDurationSeconds);
        Assert.Equal(ProfileParser.DefaultSessionSeconds, config.Profiles[0].SessionDurationSeconds);
    }

    [Fact]
    public void ARoleInProfilesWithDifferentAnchorsIsAWarning()
    {
        var result = StackFiles.Load(Yaml(TwoProfiles), CaFile());
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("rolesAnywhere.roles[1].name", warning.KeyPath);
        Assert.StartsWith("role 'SharedWriter' is in profiles edge-device, factory-line with different trust anchors", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTrustAnchorMustBeUsedByAProfile()
    {
        var error = StackFiles.SingleError(Yaml(TwoProfiles.Replace("trustAnchors: [factory-pca]", "trustAnchors: [edge-ca]", StringComparison.Ordinal)), CaFile());
        Assert.Equal("rolesAnywhere.trustAnchors[1].name", error.KeyPath);
        Assert.StartsWith("trust anchor 'factory-pca' is not used by any profile", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void EveryRoleMustBeUsedByAProfile()
    {
        var error = StackFiles.SingleError(Yaml(TwoProfiles.Replace("roles: [SharedWriter, FactoryRole]", "roles: [SharedWriter]", StringComparison.Ordinal)), CaFile());
        Assert.Equal("rolesAnywhere.roles[2].name", error.KeyPath);
        Assert.StartsWith("role 'FactoryRole' is not used by any profile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProfilesMayOnlyNameDeclaredTrustAnchors()
    {
        var error = StackFiles.SingleError(Edit("trustAnchors: [edge-ca]", "trustAnchors: [edge-cа, edge-ca]"), CaFile());
        Assert.Equal("rolesAnywhere.profiles[0].trustAnchors", error.KeyPath);
        Assert.Equal("'edge-cа' is not a trust anchor declared in rolesAnywhere.trustAnchors", error.Message);
        Assert.StartsWith("did you mean 'edge-ca'?", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void ProfilesMayOnlyNameDeclaredRoles()
    {
        var error = StackFiles.SingleError(Edit("roles: [EdgeDeviceRole]", "roles: [EdgeDeviceRole, EdgeDevceRole]"), CaFile());
        Assert.Equal("rolesAnywhere.profiles[0].roles", error.KeyPath);
        Assert.Equal("'EdgeDevceRole' is not a role declared in rolesAnywhere.roles", error.Message);
    }

    [Fact]
    public void NamesAreUniquePerKind()
    {
        var yaml = Yaml(TwoProfiles.Replace("- name: FactoryRole", "- name: EdgeDeviceRole", StringComparison.Ordinal).Replace("[SharedWriter, FactoryRole]", "[SharedWriter]", StringComparison.Ordinal));
        var error = StackFiles.SingleError(yaml, CaFile());
        Assert.Equal("rolesAnywhere.roles[2].name", error.KeyPath);
        Assert.Equal("role 'EdgeDeviceRole' is declared twice (first at rolesAnywhere.roles[0])", error.Message);
    }

    [Fact]
    public void NamesMustNotShareAConstructIdOrAStackOutput()
    {
        var yaml = Yaml(TwoProfiles.Replace("- name: factory-line", "- name: edge_device", StringComparison.Ordinal));
        var error = StackFiles.SingleError(yaml, CaFile());
        Assert.Equal("rolesAnywhere.profiles[1].name", error.KeyPath);
        Assert.StartsWith("profile 'edge_device' would get construct ID 'ProfileEdgeDevice' in RolesAnywhere, which profile 'edge-device' (rolesAnywhere.profiles[0].name) already gets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustAnchorsMustNotShareAConstructId()
    {
        var yaml = Yaml(TwoProfiles.Replace("factory-pca", "edge_ca", StringComparison.Ordinal));
        var error = StackFiles.SingleError(yaml, CaFile());
        Assert.Equal("rolesAnywhere.trustAnchors[1].name", error.KeyPath);
        Assert.StartsWith("trust anchor 'edge_ca' would get construct ID 'TrustAnchorEdgeCa' in RolesAnywhere, which trust anchor 'edge-ca' (rolesAnywhere.trustAnchors[0].name) already gets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RolesMustNotShareAConstructId()
    {
        var yaml = Yaml(TwoProfiles.Replace("FactoryRole", "Edge-Device.Role", StringComparison.Ordinal));
        var error = StackFiles.SingleError(yaml, CaFile());
        Assert.Equal("rolesAnywhere.roles[2].name", error.KeyPath);
        Assert.StartsWith("role 'Edge-Device.Role' would get construct ID 'RoleEdgeDeviceRole' in RolesAnywhere, which role 'EdgeDeviceRole' (rolesAnywhere.roles[0].name) already gets", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("899", false)]
    [InlineData("900", true)]
    [InlineData("12h", true)]
    [InlineData("43201", false)]
    public void ProfileSessionDurationIsWithin900To43200Seconds(string duration, bool valid)
    {
        var yaml = Edit("roles: [EdgeDeviceRole]", "roles: [EdgeDeviceRole]\n      sessionDuration: " + duration);
        if (valid)
        {
            StackFiles.Valid(yaml, CaFile());
            return;
        }

        var error = StackFiles.SingleError(yaml, CaFile());
        Assert.Equal("rolesAnywhere.profiles[0].sessionDuration", error.KeyPath);
        Assert.Contains("900s to 43200s", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void SessionPoliciesFollowThePermissionStatementRules()
    {
        var yaml = Edit("roles: [EdgeDeviceRole]", """
            roles: [EdgeDeviceRole]
                  sessionPolicy:
                    - actions: ["s3:*"]
                      resources: ["*"]
            """);
        var error = StackFiles.SingleError(yaml, CaFile());
        Assert.Equal("rolesAnywhere.profiles[0].sessionPolicy[0].actions", error.KeyPath);
        Assert.Contains("justification", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sessionPolicy: []", "rolesAnywhere.profiles[0].sessionPolicy", "is an empty list, which would be left out of the template and so restrict nothing")]
    [InlineData("sessionPolicy:\n        - effect: Deny\n          actions: []\n          resources: [\"*\"]", "rolesAnywhere.profiles[0].sessionPolicy[0].actions", "is an empty list")]
    public void AnEmptySessionPolicyOrAStatementWithoutActionsIsRefused(string policy, string path, string message)
    {
        var yaml = Edit("roles: [EdgeDeviceRole]", "roles: [EdgeDeviceRole]\n      " + policy);
        var error = StackFiles.SingleError(yaml, CaFile());
        Assert.Equal(path, error.KeyPath);
        Assert.Equal(message, error.Message);
        Assert.True(error.Line > 0 && error.Column > 0);
    }

    [Fact]
    public void ProfileSettingsAreKept()
    {
        var yaml = Edit("roles: [EdgeDeviceRole]", """
            roles: [EdgeDeviceRole]
                  managedPolicies: [AmazonS3ReadOnlyAccess]
                  requireInstanceProperties: true
                  acceptRoleSessionName: true
                  attributeMappings:
                    x509Subject: [CN, OU]
                    x509SAN: [DNS]
                  sessionPolicy:
                    - sid: NoIam
                      effect: Deny
                      actions: ["iam:*"]
                      resources: ["*"]
            """);
        var profile = StackFiles.Valid(yaml, CaFile()).RolesAnywhere!.Profiles[0];
        Assert.Equal(["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"], profile.ManagedPolicyArns);
        Assert.True(profile.RequireInstanceProperties);
        Assert.True(profile.AcceptRoleSessionName);
        Assert.Equal([new AttributeMapping("x509Subject", ["CN", "OU"]), new AttributeMapping("x509SAN", ["DNS"])],
            profile.AttributeMappings, (a, b) => a.CertificateField == b.CertificateField && a.Specifiers.SequenceEqual(b.Specifiers));
        Assert.Equal("NoIam", Assert.Single(profile.SessionPolicy).Sid);
    }

    [Fact]
    public void AttributeMappingsMustKeepTheSubjectCnRolesRead()
    {
        var yaml = Edit("roles: [EdgeDeviceRole]", "roles: [EdgeDeviceRole]\n      attributeMappings:\n        x509Subject: [OU]");
        var error = StackFiles.SingleError(yaml, CaFile());
        Assert.Equal("rolesAnywhere.profiles[0].attributeMappings.x509Subject", error.KeyPath);
        Assert.StartsWith("maps x509Subject without CN, but role(s) EdgeDeviceRole read aws:PrincipalTag/x509Subject/CN", error.Message, StringComparison.Ordinal);

        StackFiles.Valid(Edit("roles: [EdgeDeviceRole]", "roles: [EdgeDeviceRole]\n      attributeMappings:\n        x509Subject: [\"*\"]"), CaFile());
    }

    [Fact]
    public void AttributeMappingsMustKeepTheIssuerCnRolesRead()
    {
        var yaml = Edit("allowedSubjects: [\"sensor-*\"]", "allowedSubjects: [\"sensor-*\"]\n      allowedIssuers: [\"EdgeIam Dev Issuing CA\"]",
            Section.Replace("roles: [EdgeDeviceRole]", "roles: [EdgeDeviceRole]\n      attributeMappings:\n        x509Issuer: [O]", StringComparison.Ordinal));
        var error = StackFiles.SingleError(yaml, CaFile());
        Assert.Equal("rolesAnywhere.profiles[0].attributeMappings.x509Issuer", error.KeyPath);
        Assert.Contains("aws:PrincipalTag/x509Issuer/CN (allowedIssuers)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARoleWithoutAllowedSubjectsIsAWarning()
    {
        var result = StackFiles.Load(Edit("\n      allowedSubjects: [\"sensor-*\"]", ""), CaFile());
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("rolesAnywhere.roles[0].name", warning.KeyPath);
        Assert.Equal("role 'EdgeDeviceRole' has no allowedSubjects: any certificate issued under its trust anchors can assume it", warning.Message);
    }

    [Theory]
    [InlineData("\"*\"", "'*' matches every certificate subject, so it restricts nothing")]
    [InlineData("\"**\"", "'**' matches every certificate subject, so it restricts nothing")]
    [InlineData("[]", "is empty")]
    [InlineData("\"a\\\"b\"", "'a\"b' is not a certificate subject CN pattern")]
    public void SubjectPatternsMustRestrictSomething(string pattern, string message)
    {
        var yaml = Edit("allowedSubjects: [\"sensor-*\"]", pattern == "[]" ? "allowedSubjects: []" : $"allowedSubjects: [{pattern}]");
        var error = StackFiles.SingleError(yaml, CaFile());
        Assert.Equal("rolesAnywhere.roles[0].allowedSubjects", error.KeyPath);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void RoleNamesAreIamRoleNames()
    {
        var yaml = Yaml(Section.Replace("EdgeDeviceRole", "edge device role", StringComparison.Ordinal));
        var errors = StackFiles.Load(yaml, CaFile()).Diagnostics.Where(d => d.IsError).ToList();
        var error = Assert.Single(errors, e => e.KeyPath == "rolesAnywhere.roles[0].name");
        Assert.Equal("'edge device role' is not an IAM role name (1-64 letters, digits or +=,.@_-)", error.Message);
    }

    [Fact]
    public void DevicePrefixGivesEachDeviceItsOwnPrefix()
    {
        var yaml = Edit("allowedSubjects: [\"sensor-*\"]", "allowedSubjects: [\"sensor-*\"]\n      devicePrefix: { bucket: edge-telemetry, prefix: /devices/, access: read }");
        var prefix = StackFiles.Valid(yaml, CaFile()).RolesAnywhere!.Roles[0].DevicePrefix;
        Assert.Equal(new DevicePrefix("edge-telemetry", "devices", DevicePrefixAccess.Read), prefix);
    }

    [Theory]
    [InlineData("bucket: Edge_Bucket", "rolesAnywhere.roles[0].devicePrefix.bucket", "'Edge_Bucket' is not an S3 bucket name (3-63 lowercase letters, digits, '.' or '-')")]
    [InlineData("bucket: b1b, prefix: \"devices/*\"", "rolesAnywhere.roles[0].devicePrefix.prefix", "'devices/*' is not an S3 key prefix (letters, digits and !_.'()/-, no wildcards)")]
    [InlineData("bucket: b1b, access: admin", "rolesAnywhere.roles[0].devicePrefix.access", "'admin' is not read, write or read-write")]
    public void DevicePrefixIsValidated(string body, string keyPath, string message)
    {
        var error = StackFiles.SingleError(Edit("allowedSubjects: [\"sensor-*\"]", "allowedSubjects: [\"sensor-*\"]\n      devicePrefix: { " + body + " }"), CaFile());
        Assert.Equal(keyPath, error.KeyPath);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void TheSectionNeedsAnchorsProfilesAndRoles()
    {
        var errors = StackFiles.Load(Yaml("rolesAnywhere: {}\n")).Diagnostics.Where(d => d.IsError).Select(d => d.KeyPath).ToList();
        Assert.Equal(["rolesAnywhere.trustAnchors", "rolesAnywhere.roles", "rolesAnywhere.profiles"], errors);
    }

    [Fact]
    public void AStackWithoutTheSectionHasNoRolesAnywhere()
    {
        Assert.Null(StackFiles.Valid(StackFiles.Minimal).RolesAnywhere);
    }
}
