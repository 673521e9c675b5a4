using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Stack;

/// <summary>
/// <c>targets:</c> (one definition, many accounts and regions) and their <c>overrides:</c>: every target is its own
/// stack, validated by every rule at the right file position; nothing of an override is dropped or merged silently.
/// </summary>
public sealed class TargetsTests
{
    /// <summary>A base with a network, one OIDC role and one cross-account role; line numbers below refer to it.</summary>
    private const string Base = """
        account: "111111111111"
        region: us-east-1
        network:
          vpcCidr: 10.20.0.0/16
          wavelengthZones:
            - zone: us-east-1-wl1-bos-wlz-1
              subnetCidr: 10.20.10.0/24
        oidc:
          providers:
            - name: github
              preset: github
          roles:
            - name: Deploy
              provider: github
              subjects: ["repo:acme/app:ref:refs/heads/main"]
              managedPolicies: [ReadOnlyAccess]
            - name: Plan
              provider: github
              subjects: ["repo:acme/app:pull_request"]
              managedPolicies: [ReadOnlyAccess]
        crossAccount:
          - name: Audit
            trustedAccounts: ["222222222222"]
            externalId: audit-7f3a9c
            managedPolicies: [ReadOnlyAccess]

        """;

    private static IReadOnlyList<Diagnostics.ConfigDiagnostic> Errors(string yaml) =>
        [.. StackFiles.Load(yaml).Diagnostics.Where(d => d.IsError)];

    private static Diagnostics.ConfigDiagnostic SingleError(string yaml)
    {
        var errors = Errors(yaml);
        Assert.True(errors.Count == 1, "expected exactly one error, got:\n" + string.Join("\n", errors));
        return errors[0];
    }

    [Fact]
    public void EachTargetIsItsOwnStackWithItsOwnNames()
    {
        var result = StackFiles.Load(Base + """
            targets:
              - account: "111111111111"
              - account: "444444444444"
                region: eu-west-2
                overrides:
                  network:
                    wavelengthZones:
                      - zone: eu-west-2-wl1-lon-wlz-1
                        subnetCidr: 10.20.10.0/24
              - region: us-west-2
                overrides:
                  network:
                    wavelengthZones:
                      - zone: us-west-2-wl1-den-wlz-1
                        subnetCidr: 10.20.10.0/24
            """);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Collection(result.Stacks,
            s =>
            {
                Assert.Equal(("dev", "111111111111", "us-east-1", 0), (s.Name, s.Account, s.Region, s.Target!.Index));
                Assert.Equal("EdgeIam-dev-111111111111-us-east-1", s.CloudFormationStackName);
                Assert.Equal("EdgeIam-dev-us-east-1", s.RoleNamePrefix);
                Assert.Equal((27, 5), (s.Target.Declared.Line, s.Target.Declared.Column));
            },
            s =>
            {
                Assert.Equal(("444444444444", "eu-west-2"), (s.Account, s.Region));
                Assert.Equal("EdgeIam-dev-444444444444-eu-west-2", s.CloudFormationStackName);
                Assert.Equal("EdgeIam-dev-eu-west-2", s.RoleNamePrefix);
            },
            s => Assert.Equal(("111111111111", "us-west-2", "EdgeIam-dev-us-west-2"), (s.Account, s.Region, s.RoleNamePrefix)));
    }

    [Fact]
    public void AFileWithoutTargetsKeepsItsNames()
    {
        var stack = StackFiles.Valid(Base);
        Assert.Null(stack.Target);
        Assert.Equal(("EdgeIam-dev", "EdgeIam-dev"), (stack.CloudFormationStackName, stack.RoleNamePrefix));
    }

    [Fact]
    public void WithTargetsTheTopLevelAccountAndRegionAreOptional()
    {
        var yaml = Base.Replace("account: \"111111111111\"\nregion: us-east-1\n", "", StringComparison.Ordinal) + """
            targets:
              - account: "111111111111"
                region: us-east-1
            """;
        var stack = Assert.Single(StackFiles.Load(yaml).Stacks);
        Assert.Equal(("111111111111", "us-east-1"), (stack.Account, stack.Region));
    }

    [Fact]
    public void ATargetWithoutAccountAndNoTopLevelOneIsRefusedAtTheTarget()
    {
        var error = SingleError(Base.Replace("account: \"111111111111\"\n", "", StringComparison.Ordinal) + """
            targets:
              - region: us-east-1
            """);
        Assert.Equal(("targets[0].account", "is required but missing", 26, 5), (error.KeyPath, error.Message, error.Line, error.Column));
        Assert.Contains("top-level `account:`", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void ATargetAccountFollowsTheTopLevelRulesAtTheTargetsPosition()
    {
        var error = SingleError(Base + """
            targets:
              - account: "111111111111"
              - account: 44444444444
            """);
        Assert.Equal(("targets[1].account", "'44444444444' is not a 12-digit AWS account ID", 28, 14), (error.KeyPath, error.Message, error.Line, error.Column));
    }

    [Fact]
    public void ATargetRegionFollowsTheTopLevelRules()
    {
        var error = SingleError(Base + """
            targets:
              - region: us-est-1
            """);
        Assert.Equal(("targets[0].region", "'us-est-1' is not an AWS region", 27, 13), (error.KeyPath, error.Message, error.Line, error.Column));
        Assert.Equal("did you mean us-east-1?", error.Fix);
    }

    [Fact]
    public void TwoTargetsWithTheSameAccountAndRegionAreRefused()
    {
        var error = SingleError(Base + """
            targets:
              - account: "444444444444"
                region: us-east-1
              - account: "444444444444"
            """);
        Assert.Equal(("targets[1]", 29, 5), (error.KeyPath, error.Line, error.Column));
        Assert.Contains("deploys to 444444444444/us-east-1, like targets[0]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("targets: []", "targets", "lists no target, so the stack file would deploy nowhere")]
    [InlineData("targets:", "targets", "expected a list, found nothing")]
    [InlineData("targets: us-east-1", "targets", "expected a list, found 'us-east-1'")]
    [InlineData("targets: {account: \"444444444444\"}", "targets", "expected a list, found a mapping")]
    public void ATargetsValueThatIsNoListOfTargetsIsRefused(string targets, string keyPath, string message)
    {
        var error = SingleError(Base + targets + "\n");
        Assert.Equal((keyPath, message), (error.KeyPath, error.Message));
    }

    [Fact]
    public void ATargetListOfScalarsIsRefusedItemByItem()
    {
        var errors = Errors(Base + "targets: [\"444444444444\", us-east-1]\n");
        Assert.Equal(["targets[0]", "targets[1]"], errors.Select(e => e.KeyPath));
        Assert.All(errors, e => Assert.StartsWith("expected a mapping of keys (account, region, overrides)", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownKeyOfATargetIsRefused()
    {
        var error = SingleError(Base + """
            targets:
              - account: "444444444444"
                overides: {}
            """);
        Assert.Equal(("targets[0].overides", "unknown key 'overides'"), (error.KeyPath, error.Message));
        Assert.StartsWith("did you mean `overrides`?", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("overrides:", "has no value (null)")]
    [InlineData("overrides: ~", "has no value (null)")]
    [InlineData("overrides: {}", "is empty, so it overrides nothing")]
    [InlineData("overrides: []", "expected a mapping of stack-file keys, found a list")]
    [InlineData("overrides: network", "expected a mapping of stack-file keys, found 'network'")]
    public void OverridesMustBeANonEmptyMapping(string overrides, string message)
    {
        var error = SingleError(Base + $"""
            targets:
              - account: "444444444444"
                {overrides}
            """);
        Assert.Equal(("targets[0].overrides", message + " (target 444444444444/us-east-1)"), (error.KeyPath, error.Message));
        Assert.Equal(28, error.Line);
    }

    [Theory]
    [InlineData("account", "write `account:` on the target itself")]
    [InlineData("region", "write `region:` on the target itself")]
    [InlineData("targets", "a target cannot declare targets")]
    [InlineData("overrides", "a target cannot declare overrides of overrides")]
    public void ReservedKeysCannotBeOverridden(string key, string fix)
    {
        var error = SingleError(Base + $"""
            targets:
              - account: "444444444444"
                overrides:
                  {key}: x
            """);
        Assert.Equal(($"targets[0].overrides.{key}", $"'{key}' cannot be overridden (target 444444444444/us-east-1)", 29, 7),
            (error.KeyPath, error.Message, error.Line, error.Column));
        Assert.Contains(fix, error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownKeyInAnOverrideIsTheUsualUnknownKeyErrorAtTheOverride()
    {
        var error = SingleError(Base + """
            targets:
              - account: "444444444444"
                overrides:
                  network:
                    vpcCdr: 10.30.0.0/16
            """);
        Assert.Equal(("network.vpcCdr", "unknown key 'vpcCdr' (target 444444444444/us-east-1)", 30, 9), (error.KeyPath, error.Message, error.Line, error.Column));
        Assert.StartsWith("did you mean `vpcCidr`?", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownTopLevelKeyInAnOverrideIsRefusedThere()
    {
        var error = SingleError(Base + """
            targets:
              - account: "444444444444"
                overrides:
                  protekt: true
            """);
        Assert.Equal(("protekt", 29, 7), (error.KeyPath, error.Line, error.Column));
    }

    [Fact]
    public void AnOverrideThatMakesAValueInvalidIsReportedAtTheOverride()
    {
        var errors = Errors(Base + """
            targets:
              - account: "111111111111"
              - account: "444444444444"
                overrides:
                  network:
                    vpcCidr: 10.30.0.0/33
            """);
        var error = Assert.Single(errors, e => e.KeyPath == "network.vpcCidr");
        Assert.Equal((31, 18), (error.Line, error.Column));
        Assert.EndsWith("(target 444444444444/us-east-1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverridesMergeOnlyIntoTheirTarget()
    {
        var result = StackFiles.Load(Base + """
            targets:
              - account: "111111111111"
              - account: "444444444444"
                overrides:
                  protect: true
                  network:
                    vpcCidr: 10.30.0.0/16
                    wavelengthZones:
                      - zone: us-east-1-wl1-bos-wlz-1
                        subnetCidr: 10.30.10.0/24
                  oidc:
                    roles:
                      - name: Plan
                        subjects: ["repo:acme/other:pull_request"]
                  crossAccount:
                    - name: Audit
                      externalId: audit-44-9d2e
            """);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var (first, second) = (result.Stacks[0], result.Stacks[1]);
        Assert.False(first.Protect);
        Assert.True(second.Protect);
        Assert.Equal("10.20.0.0/16", first.Network!.VpcCidr.ToString());
        Assert.Equal("10.30.0.0/16", second.Network!.VpcCidr.ToString());
        Assert.Equal("10.30.10.0/24", Assert.Single(second.Network.WavelengthZones).SubnetCidr.ToString());
        // Merged by name: Plan's subjects replaced whole, everything else of Plan and all of Deploy kept.
        Assert.Equal(["Deploy", "Plan"], second.Oidc!.Roles.Select(r => r.Name));
        Assert.Equal(first.Oidc!.Roles[0].Subjects, second.Oidc.Roles[0].Subjects);
        Assert.Equal(["repo:acme/other:pull_request"], second.Oidc.Roles[1].Subjects);
        Assert.Equal(["repo:acme/app:pull_request"], first.Oidc.Roles[1].Subjects);
        Assert.Equal(first.Oidc.Roles[1].Access.ManagedPolicyArns, second.Oidc.Roles[1].Access.ManagedPolicyArns);
        Assert.Equal("audit-44-9d2e", Assert.Single(second.CrossAccount).ExternalId);
        Assert.Equal("audit-7f3a9c", Assert.Single(first.CrossAccount).ExternalId);
        Assert.Equal(["222222222222"], second.CrossAccount[0].TrustedAccounts);
    }

    [Fact]
    public void AnOverrideNamingNoExistingEntryIsAnErrorNotAnAppend()
    {
        var error = SingleError(Base + """
            targets:
              - account: "444444444444"
                overrides:
                  oidc:
                    roles:
                      - name: Plam
                        subjects: ["repo:acme/other:pull_request"]
            """);
        Assert.Equal("targets[0].overrides.oidc.roles[0]", error.KeyPath);
        Assert.Equal("override oidc.roles: no role named 'Plam' (roles: Deploy, Plan) (target 444444444444/us-east-1)", error.Message);
        Assert.StartsWith("did you mean 'Plan'?", error.Fix, StringComparison.Ordinal);
        Assert.Equal((31, 13), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("- subjects: [\"repo:acme/x:pull_request\"]", "found a mapping without `name`")]
    [InlineData("- Plan", "found 'Plan'")]
    public void AnOverrideEntryOfANamedListMustNameItsEntry(string item, string found)
    {
        var error = SingleError(Base + $"""
            targets:
              - account: "444444444444"
                overrides:
                  oidc:
                    roles:
                      {item}
            """);
        Assert.Equal("an override of oidc.roles must name the role it changes, " + found + " (target 444444444444/us-east-1)", error.Message);
    }

    [Fact]
    public void AnEntryOverriddenTwiceIsRefused()
    {
        var error = SingleError(Base + """
            targets:
              - account: "444444444444"
                overrides:
                  crossAccount:
                    - name: Audit
                      externalId: a-1234567
                    - name: Audit
                      externalId: b-1234567
            """);
        Assert.Equal("override crossAccount: the role 'Audit' is overridden twice (target 444444444444/us-east-1)", error.Message);
    }

    [Fact]
    public void AnErrorInABaseValueIsReportedOnceNamingEveryTarget()
    {
        var errors = Errors(Base.Replace("externalId: audit-7f3a9c", "externalId: a", StringComparison.Ordinal) + """
            targets:
              - account: "111111111111"
              - account: "444444444444"
            """);
        var error = Assert.Single(errors);
        Assert.Equal("crossAccount[0].externalId", error.KeyPath);
        Assert.EndsWith("(in every target: 111111111111/us-east-1, 444444444444/us-east-1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnErrorOnlySomeTargetsHaveNamesThem()
    {
        // A boundary of account 111111111111 fits the first target only.
        var errors = Errors(Base + """
            permissionsBoundary: arn:aws:iam::111111111111:policy/EdgeBoundary
            targets:
              - account: "111111111111"
              - account: "444444444444"
              - account: "555555555555"
            """);
        var error = Assert.Single(errors.DistinctBy(e => e.KeyPath));
        Assert.Equal("permissionsBoundary", error.KeyPath);
        Assert.Equal(2, errors.Count);
        Assert.EndsWith("(target 444444444444/us-east-1)", errors[0].Message, StringComparison.Ordinal);
        Assert.EndsWith("(target 555555555555/us-east-1)", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithTargetsTheRolePrefixCarriesTheRegionAndTheLengthCheckAgrees()
    {
        // EdgeIam-dev-us-east-1- is 22 characters: 42 are left of IAM's 64.
        var withoutTargets = StackFiles.Minimal + $"""
            crossAccount:
              - name: {new string('R', 43)}
                trustedAccounts: ["222222222222"]
                externalId: partner-audit-9f2c

            """;
        var yaml = withoutTargets + "targets:\n  - region: us-east-1\n";
        Assert.False(StackFiles.Load(withoutTargets).HasErrors);
        var error = SingleError(yaml);
        Assert.Equal("crossAccount[0].name", error.KeyPath);
        Assert.Contains("EdgeIam-dev-us-east-1-", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("shorten the name to at most 42 characters.", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAliasedValueCannotBeOverriddenInPlace()
    {
        // The network mapping is also used under a second key: an in-place merge would change that use too.
        var yaml = StackFiles.Minimal + """
            network: &net
              vpcCidr: 10.20.0.0/16
              wavelengthZones:
                - zone: us-east-1-wl1-bos-wlz-1
                  subnetCidr: 10.20.10.0/24
            spare: *net
            targets:
              - account: "444444444444"
                overrides:
                  network:
                    vpcCidr: 10.30.0.0/16
            """;
        var errors = Errors(yaml);
        Assert.Contains(errors, e => e.Message.Contains("is a YAML anchor used in more than one place", StringComparison.Ordinal));
    }

    [Fact]
    public void HugeTargetListsAndOverridesLoad()
    {
        var targets = string.Concat(Enumerable.Range(0, 300).Select(i => $"  - account: \"{100000000000 + i}\"\n    overrides: {{crossAccount: [{{name: Audit, externalId: ext-{i:D6}}}]}}\n"));
        var result = StackFiles.Load(Base + "targets:\n" + targets);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Take(3)));
        Assert.Equal(300, result.Stacks.Count);
        Assert.Equal("ext-000299", result.Stacks[299].CrossAccount[0].ExternalId);
        Assert.Equal(300, result.Stacks.Select(s => s.CloudFormationStackName).Distinct().Count());
    }

    [Fact]
    public void AHugeNamedOverrideNamingNothingIsOneErrorPerEntry()
    {
        var roles = string.Concat(Enumerable.Range(0, 200).Select(i => $"        - name: Missing{i}\n          subjects: [\"repo:a/b:ref:refs/heads/main\"]\n"));
        var errors = Errors(Base + "targets:\n  - account: \"444444444444\"\n    overrides:\n      oidc:\n        roles:\n" + roles.Replace("        - ", "          - ", StringComparison.Ordinal).Replace("          subjects", "            subjects", StringComparison.Ordinal));
        Assert.Equal(200, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("override oidc.roles: no role named 'Missing", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void ACloudFormationStackNameOver128CharactersIsRefusedAtTheTarget()
    {
        var name = "s" + new string('x', 99); // 100 characters: the longest file name; with a target the stack name is 8 + 100 + 1 + 12 + 1 + 9 = 131
        var result = StackFiles.LoadAs(name, StackFiles.Minimal + "targets:\n  - region: us-east-1\n");
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("targets[0]", error.KeyPath);
        Assert.Contains("is 131 characters, over CloudFormation's 128", error.Message, StringComparison.Ordinal);
    }
}
