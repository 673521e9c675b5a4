using EdgeIam.Config.Diagnostics;
using EdgeIam.Config.Reading;
using EdgeIam.Config.Stack;
using EdgeIam.Config.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgeIam.Config.Tests.Stack;

/// <summary>
/// Quotas declared, not guessed: what the stacks loaded together create, per account (and region), against AWS's
/// quotas; a raisable one is a warning at its default and an error at the declared value.
/// </summary>
public sealed class QuotaCheckTests
{
    private static string CrossAccountRoles(int count, string prefix = "X") =>
        "crossAccount:\n" + string.Concat(Enumerable.Range(0, count).Select(i =>
            $"  - name: {prefix}{i}\n    trustedAccounts: [\"222222222222\"]\n    externalId: ext-{prefix}-{i:D5}\n    managedPolicies: [ReadOnlyAccess]\n"));

    /// <summary>Stack files in memory (a dictionary, not a mock: the stacks quota needs 2,001 files).</summary>
    private sealed class MemoryFiles(IReadOnlyDictionary<string, string> files) : IFileSource
    {
        public bool FileExists(string path) => files.ContainsKey(path);

        public string ReadAllText(string path) => files[path];

        public IReadOnlyList<string> StackFiles(string directory) => [.. files.Keys.Order(StringComparer.Ordinal)];
    }

    private static StackLoadResult LoadDirectory(params (string Name, string Yaml)[] stacks) =>
        new StackConfigLoader(new FakeTimeProvider(StackFiles.Now),
            new MemoryFiles(stacks.ToDictionary(s => Path.Combine("stacks", s.Name + ".yaml"), s => s.Yaml, StringComparer.Ordinal)))
            .LoadDirectory("stacks", []);

    [Fact]
    public void RolesOverTheDefaultAreAWarningAtTheFirstRoleOverIt()
    {
        var result = StackFiles.Load(StackFiles.Minimal + CrossAccountRoles(1001));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Where(d => d.IsError).Take(3)));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("crossAccount[1000].name", warning.KeyPath);
        Assert.Equal(4 + (1000 * 4), warning.Line);
        Assert.Equal("role 'X1000' is over AWS's default quota 'Roles per account' of 1,000: account 111111111111 would have 1,001 IAM roles (stacks dev); the deployment fails unless the account's quota is raised", warning.Message);
        Assert.Contains("`quotas: { iamRolesPerAccount: N }`", warning.Fix, StringComparison.Ordinal);
        Assert.Contains("(up to 5,000)", warning.Fix, StringComparison.Ordinal);
        Assert.Contains(AwsQuotas.IamPage, warning.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void ExactlyTheDefaultIsFine() =>
        Assert.Empty(StackFiles.Load(StackFiles.Minimal + CrossAccountRoles(1000)).Diagnostics);

    [Fact]
    public void ADeclaredQuotaSilencesTheWarningAndIsEnforcedAsAnError()
    {
        var declared = StackFiles.Minimal + "quotas:\n  iamRolesPerAccount: 1002\n";
        Assert.Empty(StackFiles.Load(declared + CrossAccountRoles(1002)).Diagnostics);
        var error = StackFiles.SingleError(declared + CrossAccountRoles(1003));
        Assert.Equal("crossAccount[1002].name", error.KeyPath);
        Assert.StartsWith("role 'X1002' is over the quota 'Roles per account' of 1,002 that quotas.iamRolesPerAccount declares (stacks/dev.yaml:4:23)", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("request a further increase (up to 5,000)", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iamRolesPerAccount: 5001", "5001 is out of range 1000..5000")]
    [InlineData("iamRolesPerAccount: 999", "999 is out of range 1000..5000")]
    [InlineData("instanceProfilesPerAccount: 5001", "5001 is out of range 1000..5000")]
    [InlineData("oidcProvidersPerAccount: 701", "701 is out of range 100..700")]
    [InlineData("rolesAnywhereTrustAnchorsPerRegion: 49", "49 is out of range 50..1000000")]
    [InlineData("rolesAnywhereProfilesPerRegion: lots", "'lots' is not a whole number")]
    [InlineData("cloudFormationStacksPerRegion: 1999", "1999 is out of range 2000..1000000")]
    public void ADeclarationOutsideWhatAwsGrantsIsRefused(string declaration, string message)
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + "quotas:\n  " + declaration + "\n");
        Assert.Equal("quotas." + declaration[..declaration.IndexOf(':', StringComparison.Ordinal)], error.KeyPath);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void RolesAreCountedAcrossTheStackFilesOfOneAccount()
    {
        var result = LoadDirectory(
            ("dev", StackFiles.Minimal + CrossAccountRoles(600, "D")),
            ("prod", StackFiles.Minimal + CrossAccountRoles(401, "P")));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, Path.Combine("stacks", "prod.yaml"), "crossAccount[400].name"), (warning.Severity, warning.File, warning.KeyPath));
        Assert.Contains("account 111111111111 would have 1,001 IAM roles (stacks dev, prod)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherAccountsDoNotCount()
    {
        var result = LoadDirectory(
            ("dev", StackFiles.Minimal + CrossAccountRoles(600, "D")),
            ("prod", StackFiles.Minimal.Replace("111111111111", "333333333333", StringComparison.Ordinal) + CrossAccountRoles(600, "P")));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void TwoFilesDeclaringDifferentValuesForOneAccountIsAnError()
    {
        var result = LoadDirectory(
            ("dev", StackFiles.Minimal + "quotas:\n  iamRolesPerAccount: 2000\n"),
            ("prod", StackFiles.Minimal + "quotas:\n  iamRolesPerAccount: 3000\n"));
        var error = Assert.Single(result.Diagnostics);
        Assert.True(error.IsError);
        Assert.Equal((Path.Combine("stacks", "prod.yaml"), "quotas.iamRolesPerAccount", 4, 23), (error.File, error.KeyPath, error.Line, error.Column));
        Assert.Equal("account 111111111111 declares 'Roles per account' as 3,000 here but as 2,000 at stacks/dev.yaml:4:23; an account has one quota", error.Message);
    }

    [Fact]
    public void TheSameValueInTwoFilesIsFine() =>
        Assert.Empty(LoadDirectory(
            ("dev", StackFiles.Minimal + "quotas:\n  iamRolesPerAccount: 2000\n"),
            ("prod", StackFiles.Minimal + "quotas:\n  iamRolesPerAccount: 2000\n")).Diagnostics);

    [Fact]
    public void TargetsCountInTheirOwnAccountsAndRegions()
    {
        // 400 roles in each of three targets: two share account 444444444444 (800 roles there, under 1,000); with a
        // third in that account the quota is crossed, at the third target's role, and named.
        var yaml = StackFiles.Minimal + CrossAccountRoles(400) + """
            targets:
              - account: "444444444444"
              - account: "444444444444"
                region: us-west-2
              - account: "555555555555"

            """;
        Assert.Empty(StackFiles.Load(yaml).Diagnostics);
        var crossing = StackFiles.Load(yaml + "  - account: \"444444444444\"\n    region: eu-west-2\n");
        var warning = Assert.Single(crossing.Diagnostics);
        Assert.Equal("crossAccount[200].name", warning.KeyPath);
        Assert.EndsWith("(target 444444444444/eu-west-2)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("account 444444444444 would have 1,200 IAM roles (stacks dev (444444444444/us-east-1), dev (444444444444/us-west-2), dev (444444444444/eu-west-2))", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CloudFormationStacksCountPerAccountAndRegion()
    {
        var files = Enumerable.Range(0, 2001).Select(i => ($"s{i:D4}", StackFiles.Minimal)).ToArray();
        var warning = Assert.Single(LoadDirectory(files).Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, Path.Combine("stacks", "s2000.yaml")), (warning.Severity, warning.File));
        Assert.StartsWith("stack EdgeIam-s2000 is over AWS's default quota 'Stacks' of 2,000: account 111111111111 in us-east-1 would have 2,001 CloudFormation stacks", warning.Message, StringComparison.Ordinal);
        Assert.Empty(LoadDirectory(files[..2000]).Diagnostics);
    }

    [Fact]
    public void NestedShardsCountAsStacksAndAreReportedOnlyWhenTheyCauseTheCrossing()
    {
        var stacks = LoadDirectory(Enumerable.Range(0, 1999).Select(i => ($"s{i:D4}", StackFiles.Minimal)).ToArray()).Stacks;
        IReadOnlyList<int> TwoShardsInTheLast(StackConfig s) => s.CloudFormationStackName == "EdgeIam-s1998" ? [1, 3] : [];

        var diagnostics = new ConfigDiagnostics();
        QuotaCheck.CheckStacksWithShards(stacks, TwoShardsInTheLast, diagnostics);
        var warning = Assert.Single(diagnostics.Items);
        Assert.Equal((DiagnosticSeverity.Warning, Path.Combine("stacks", "s1998.yaml")), (warning.Severity, warning.File));
        Assert.StartsWith("nested stack Shard3 of stack EdgeIam-s1998 is over AWS's default quota 'Stacks' of 2,000: account 111111111111 in us-east-1 would have 2,001 CloudFormation stacks", warning.Message, StringComparison.Ordinal);

        var oneShard = new ConfigDiagnostics();
        QuotaCheck.CheckStacksWithShards(stacks, s => s.CloudFormationStackName == "EdgeIam-s1998" ? [1] : [], oneShard);
        Assert.Empty(oneShard.Items);

        // Over the quota by top-level stacks alone: the loader reported it; planning does not say it twice.
        var over = LoadDirectory(Enumerable.Range(0, 2001).Select(i => ($"s{i:D4}", StackFiles.Minimal)).ToArray()).Stacks;
        var again = new ConfigDiagnostics();
        QuotaCheck.CheckStacksWithShards(over, _ => [1], again);
        Assert.Empty(again.Items);
    }

    [Fact]
    public void TrustAnchorsOverTheRegionalDefaultAreAWarning()
    {
        var anchors = string.Concat(Enumerable.Range(0, 51).Select(i =>
            $"    - name: pca{i}\n      acmPcaArn: arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/9b8e7d6c-5a4b-4c3d-8e2f-0a1b2c3d4e{i:D2}\n"));
        var yaml = StackFiles.Minimal + "rolesAnywhere:\n  trustAnchors:\n" + anchors
            + $"  profiles:\n    - name: p\n      trustAnchors: [{string.Join(", ", Enumerable.Range(0, 51).Select(i => $"pca{i}"))}]\n"
            + "      roles: [Ra]\n  roles:\n    - name: Ra\n      allowedSubjects: [\"dev-*\"]\n      managedPolicies: [ReadOnlyAccess]\n";
        var result = StackFiles.Load(yaml);
        var warning = Assert.Single(result.Diagnostics, d => d.Message.Contains("Trust anchors", StringComparison.Ordinal));
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("rolesAnywhere.trustAnchors[50]", warning.KeyPath);
        Assert.Contains("account 111111111111 in us-east-1 would have 51 Roles Anywhere trust anchors", warning.Message, StringComparison.Ordinal);
        Assert.Contains("rolesAnywhereTrustAnchorsPerRegion", warning.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AProfileOfMoreThan250RolesIsAnErrorAwsDoesNotRaise()
    {
        var names = Enumerable.Range(0, 251).Select(i => $"Ra{i}").ToList();
        var roles = string.Concat(names.Select(n => $"    - name: {n}\n      allowedSubjects: [\"{n.ToLowerInvariant()}-*\"]\n      managedPolicies: [ReadOnlyAccess]\n"));
        var yaml = StackFiles.Minimal + "rolesAnywhere:\n  trustAnchors:\n    - name: pca\n      acmPcaArn: arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/9b8e7d6c-5a4b-4c3d-8e2f-0a1b2c3d4e5f\n"
            + $"  profiles:\n    - name: p\n      trustAnchors: [pca]\n      roles: [{string.Join(", ", names)}]\n  roles:\n" + roles;
        var errors = StackFiles.Load(yaml).Diagnostics.Where(d => d.IsError).ToList();
        var error = Assert.Single(errors);
        Assert.Equal("rolesAnywhere.profiles[0].roles", error.KeyPath);
        Assert.Contains("lists 251 roles; a Roles Anywhere profile holds at most 250 (an API limit AWS does not raise", error.Message, StringComparison.Ordinal);
        Assert.Contains("the first over it is 'Ra250'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheQuotaTableIsWhatTheAwsPagesSay()
    {
        Assert.Equal((1000, 5000), (AwsQuotas.IamRoles.Default, AwsQuotas.IamRoles.Max));
        Assert.Equal((1000, 5000), (AwsQuotas.InstanceProfiles.Default, AwsQuotas.InstanceProfiles.Max));
        Assert.Equal((100, 700), (AwsQuotas.OidcProviders.Default, AwsQuotas.OidcProviders.Max));
        Assert.Equal((50, null), (AwsQuotas.TrustAnchors.Default, AwsQuotas.TrustAnchors.Max));
        Assert.Equal((250, null), (AwsQuotas.Profiles.Default, AwsQuotas.Profiles.Max));
        Assert.False(AwsQuotas.RolesPerProfile.Raisable);
        Assert.All(AwsQuotas.Declarable, q => Assert.StartsWith("https://docs.aws.amazon.com/", q.Page, StringComparison.Ordinal));
    }
}
