using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using EdgeIam.Config.RolesAnywhere;
using EdgeIam.Infrastructure.Tests.Support;

namespace EdgeIam.Infrastructure.Tests.RolesAnywhere;

/// <summary>The shipped stacks' Roles Anywhere resources, one rule per test, on the shared synthesized templates.</summary>
[Collection(SynthesizedStacksCollection.Name)]
public sealed class RolesAnywhereTemplateTests(SynthesizedStacks stacks)
{
    private const string SubjectCn = "aws:PrincipalTag/x509Subject/CN";
    private const string IssuerCn = "aws:PrincipalTag/x509Issuer/CN";

    private static IEnumerable<JsonObject> Statements(JsonObject role) =>
        role["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject());

    private static bool IsRolesAnywhereTrust(JsonObject statement) =>
        statement["Principal"]?["Service"]?.ToString() == RolesAnywhereNames.ServicePrincipal;

    /// <summary>Roles Anywhere roles of a template by role name, with their single trust statement.</summary>
    private static Dictionary<string, JsonObject> TrustByRole(JsonObject template) =>
        SynthesizedStacks.ResourcesOf(template, "AWS::IAM::Role")
            .Where(r => Statements(r.Value).Any(IsRolesAnywhereTrust))
            .ToDictionary(r => ((string)r.Value["Properties"]!["RoleName"]!).Replace("EdgeIam-dev-", "", StringComparison.Ordinal), r => Assert.Single(Statements(r.Value)));

    /// <summary>Trust anchor logical IDs by anchor name.</summary>
    private static Dictionary<string, string> AnchorIds(JsonObject template) =>
        SynthesizedStacks.ResourcesOf(template, "AWS::RolesAnywhere::TrustAnchor")
            .ToDictionary(r => (string)r.Value["Properties"]!["Name"]!, r => r.Key);

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(v => v!.ToString())] : node is null ? [] : [node.ToString()];

    [Fact]
    public void RolesAnywhereRolesTrustOnlyTheServiceWithItsThreeActions()
    {
        var trust = TrustByRole(stacks.DevJson);
        Assert.Equal(["EdgeDeviceRole", "EdgeTelemetryWriter", "FactoryControllerRole"], trust.Keys.Order(StringComparer.Ordinal));
        foreach (var statement in trust.Values)
        {
            Assert.Equal("Allow", (string)statement["Effect"]!);
            Assert.Equal(["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"], Strings(statement["Action"]));
            Assert.Equal(["Service"], statement["Principal"]!.AsObject().Select(p => p.Key));
        }
    }

    [Fact]
    public void RolesAnywhereRolesAreLockedToTheAnchorsOfTheirProfiles()
    {
        var anchorIds = AnchorIds(stacks.DevJson);
        foreach (var (roleName, statement) in TrustByRole(stacks.DevJson))
        {
            var expected = stacks.DevConfig.RolesAnywhere!.Roles.Single(r => r.Name == roleName).TrustAnchorNames.Select(a => anchorIds[a]).ToList();
            var sourceArns = statement["Condition"]!["ArnEquals"]!["aws:SourceArn"]!.AsArray()
                .Select(v => v!["Fn::GetAtt"]!.AsArray()).ToList();
            Assert.Equal(expected, sourceArns.Select(g => (string)g[0]!));
            Assert.All(sourceArns, g => Assert.Equal("TrustAnchorArn", (string)g[1]!));
        }

        // The shared role gets the union of its two profiles' anchors; the others only their own.
        Assert.Equal(3, TrustByRole(stacks.DevJson)["EdgeTelemetryWriter"]["Condition"]!["ArnEquals"]!["aws:SourceArn"]!.AsArray().Count);
        Assert.Single(TrustByRole(stacks.DevJson)["FactoryControllerRole"]["Condition"]!["ArnEquals"]!["aws:SourceArn"]!.AsArray());
    }

    [Fact]
    public void AllowedSubjectsBecomeTheCertificateCnCondition()
    {
        foreach (var role in stacks.DevConfig.RolesAnywhere!.Roles)
        {
            var condition = TrustByRole(stacks.DevJson)[role.Name]["Condition"]!.AsObject();
            Assert.Equal(role.AllowedSubjects, Strings(condition["StringLike"]![SubjectCn]));
            Assert.Equal(role.AllowedIssuers, Strings(condition["StringLike"]![IssuerCn]));
            Assert.Equal(["ArnEquals", "StringLike"], condition.Select(c => c.Key).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void TrustAnchorsHoldTheCheckedCaCertificate()
    {
        stacks.Dev.HasResourceProperties("AWS::RolesAnywhere::TrustAnchor", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Name"] = "edge-ca",
            ["Source"] = new Dictionary<string, object>
            {
                ["SourceType"] = "CERTIFICATE_BUNDLE",
                ["SourceData"] = new Dictionary<string, object>
                {
                    ["X509CertificateData"] = File.ReadAllText(Path.Combine(SynthesizedStacks.StacksDirectory, "pki", "dev", "issuing-ca.crt")).Trim(),
                },
            },
        }));
    }

    [Fact]
    public void PrivateCaAnchorsReferenceTheirCa()
    {
        stacks.Prod.HasResourceProperties("AWS::RolesAnywhere::TrustAnchor", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Name"] = "fleet-pca",
            ["Source"] = new Dictionary<string, object>
            {
                ["SourceType"] = "AWS_ACM_PCA",
                ["SourceData"] = new Dictionary<string, object> { ["AcmPcaArn"] = Match.StringLikeRegexp("^arn:aws:acm-pca:us-east-1:") },
            },
        }));
    }

    [Fact]
    public void TrustAnchorsAreEnabledAndNotifyBeforeCaAndDeviceCertificatesExpire()
    {
        foreach (var template in new[] { stacks.DevJson, stacks.ProdJson })
        {
            foreach (var (_, anchor) in SynthesizedStacks.ResourcesOf(template, "AWS::RolesAnywhere::TrustAnchor"))
            {
                var properties = anchor["Properties"]!;
                Assert.True((bool)properties["Enabled"]!);
                var configured = (template == stacks.DevJson ? stacks.DevConfig : stacks.ProdConfig).RolesAnywhere!.TrustAnchors
                    .Single(a => a.Name == (string)properties["Name"]!).ExpiryNotificationDays;
                var settings = properties["NotificationSettings"]!.AsArray().Select(n => n!.AsObject()).ToList();
                Assert.Equal(["CA_CERTIFICATE_EXPIRY", "END_ENTITY_CERTIFICATE_EXPIRY"], settings.Select(s => (string)s["Event"]!));
                Assert.All(settings, s => Assert.True((bool)s["Enabled"]!));
                Assert.All(settings, s => Assert.Equal(configured, (int)s["Threshold"]!));
            }
        }
    }

    [Fact]
    public void ACrlIsImportedForItsAnchor()
    {
        var crl = Assert.Single(SynthesizedStacks.ResourcesOf(stacks.DevJson, "AWS::RolesAnywhere::CRL")).Value["Properties"]!;
        Assert.Equal(AnchorIds(stacks.DevJson)["partner-ca"], (string)crl["TrustAnchorArn"]!["Fn::GetAtt"]![0]!);
        Assert.StartsWith("-----BEGIN X509 CRL-----", (string)crl["CrlData"]!, StringComparison.Ordinal);
        Assert.True((bool)crl["Enabled"]!);
    }

    [Fact]
    public void ProfilesListTheirRolesWithTheirSessionSettings()
    {
        var profiles = SynthesizedStacks.ResourcesOf(stacks.DevJson, "AWS::RolesAnywhere::Profile")
            .ToDictionary(p => (string)p.Value["Properties"]!["Name"]!, p => p.Value["Properties"]!.AsObject());
        var roleIds = SynthesizedStacks.ResourcesOf(stacks.DevJson, "AWS::IAM::Role").ToDictionary(r => ((string)r.Value["Properties"]!["RoleName"]!).Replace("EdgeIam-dev-", "", StringComparison.Ordinal), r => r.Key);
        foreach (var profile in stacks.DevConfig.RolesAnywhere!.Profiles)
        {
            var properties = profiles[profile.Name];
            Assert.True((bool)properties["Enabled"]!);
            Assert.Equal(profile.SessionDurationSeconds, (int)properties["DurationSeconds"]!);
            Assert.InRange((int)properties["DurationSeconds"]!, 900, 43200);
            Assert.Equal(profile.RoleNames.Select(r => roleIds[r]), properties["RoleArns"]!.AsArray().Select(a => (string)a!["Fn::GetAtt"]![0]!));
            Assert.Equal(profile.AcceptRoleSessionName, (bool)properties["AcceptRoleSessionName"]!);
        }

        // factory-line has no session policies: its roles are scoped themselves, and policies that allow all they have
        // would narrow nothing (EIAM-PERM-007). Managed session policies are synthesized in RolesAnywhereAdHocTests.
        Assert.Null(profiles["factory-line"]["ManagedPolicyArns"]);
        Assert.Equal(["x509Subject", "x509Issuer", "x509SAN"], profiles["edge-device"]["AttributeMappings"]!.AsArray().Select(m => (string)m!["CertificateField"]!));
    }

    [Fact]
    public void SessionPolicyIsAPolicyDocumentBuiltFromStatements()
    {
        var profile = SynthesizedStacks.ResourcesOf(stacks.DevJson, "AWS::RolesAnywhere::Profile")
            .Single(p => (string)p.Value["Properties"]!["Name"]! == "edge-device").Value["Properties"]!;
        var policy = JsonNode.Parse((string)profile["SessionPolicy"]!)!;
        Assert.Equal("2012-10-17", (string)policy["Version"]!);
        var deny = policy["Statement"]!.AsArray().Single(s => (string)s!["Sid"]! == "NoIdentityChanges")!;
        Assert.Equal("Deny", (string)deny["Effect"]!);
        Assert.Equal(["iam:*", "sts:AssumeRole"], Strings(deny["Action"]));
    }

    [Fact]
    public void DevicePrefixConfinesEachDeviceToItsOwnS3Prefix()
    {
        stacks.Dev.HasResourceProperties("AWS::IAM::Policy", Match.ObjectLike(new Dictionary<string, object>
        {
            ["PolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Statement"] = Match.ArrayWith([
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["Sid"] = "DeviceObjects",
                        ["Action"] = new[] { "s3:GetObject", "s3:PutObject" },
                        ["Resource"] = "arn:aws:s3:::edge-telemetry-dev-111111111111/devices/${aws:PrincipalTag/x509Subject/CN}/*",
                    }),
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["Sid"] = "ListDevicePrefix",
                        ["Action"] = "s3:ListBucket",
                        ["Condition"] = new Dictionary<string, object>
                        {
                            ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = new[] { "devices/${aws:PrincipalTag/x509Subject/CN}/*" } },
                        },
                    }),
                ]),
            }),
        }));

        // Write-only in prod: no object reads, no listing.
        stacks.Prod.HasResourceProperties("AWS::IAM::Policy", Match.ObjectLike(new Dictionary<string, object>
        {
            ["PolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Statement"] = new object[]
                {
                    Match.ObjectLike(new Dictionary<string, object> { ["Sid"] = "DeviceObjects", ["Action"] = "s3:PutObject" }),
                },
            }),
        }));
    }

    [Fact]
    public void OutputsNameEveryTrustAnchorProfileAndRole()
    {
        var outputs = stacks.DevJson["Outputs"]!.AsObject();
        var config = stacks.DevConfig.RolesAnywhere!;
        var expected = config.TrustAnchors.Select(a => (RolesAnywhereNames.TrustAnchorOutput(a.Name), (string?)AnchorIds(stacks.DevJson)[a.Name], "TrustAnchorArn"))
            .Concat(config.Profiles.Select(p => (RolesAnywhereNames.ProfileOutput(p.Name), (string?)null, "ProfileArn")))
            .Concat(config.Roles.Select(r => (RolesAnywhereNames.RoleOutput(r.Name), (string?)null, "Arn")));
        foreach (var (key, logicalId, attribute) in expected)
        {
            var getAtt = outputs[key]!["Value"]!["Fn::GetAtt"]!.AsArray();
            Assert.Equal(attribute, (string)getAtt[1]!);
            if (logicalId is not null)
            {
                Assert.Equal(logicalId, (string)getAtt[0]!);
            }
        }

        Assert.Equal("RolesAnywhereTrustAnchorEdgeCaArn", RolesAnywhereNames.TrustAnchorOutput("edge-ca"));
    }

    [Fact]
    public void ProtectedStacksRetainTrustAnchorsProfilesAndRoles()
    {
        foreach (var type in new[] { "AWS::RolesAnywhere::TrustAnchor", "AWS::RolesAnywhere::Profile", "AWS::IAM::Role" })
        {
            Assert.All(SynthesizedStacks.ResourcesOf(stacks.ProdJson, type), r => Assert.Equal("Retain", (string?)r.Value["DeletionPolicy"]));
            Assert.All(SynthesizedStacks.ResourcesOf(stacks.DevJson, type), r => Assert.Equal("Delete", (string?)r.Value["DeletionPolicy"]));
        }
    }

    [Fact]
    public void NoPrivateKeyReachesATemplate()
    {
        Assert.DoesNotContain("PRIVATE KEY", stacks.DevJson.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", stacks.ProdJson.ToJsonString(), StringComparison.Ordinal);
    }
}
