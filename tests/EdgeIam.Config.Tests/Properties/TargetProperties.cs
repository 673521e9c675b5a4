using System.Text.Json;
using CsCheck;
using EdgeIam.Config.Stack;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Properties;

/// <summary>Properties of <c>targets:</c> over generated stack files.</summary>
public sealed class TargetProperties
{
    private static readonly string[] Regions = ["us-east-1", "us-west-2", "eu-west-2", "ap-northeast-1"];

    /// <summary>A stack file of a few cross-account and OIDC roles, each with a generated name and external ID.</summary>
    private static readonly Gen<(string Yaml, int Region)> StackFile =
        Gen.Select(Gen.Int[1, 6], Gen.Int[0, 5], Gen.Int[0, Regions.Length - 1], Gen.Int[0, 99999])
            .Select(t =>
            {
                var (cross, oidc, region, seed) = t;
                var yaml = $"account: \"{100000000000 + seed}\"\nregion: {Regions[region]}\nprotect: {(seed % 2 == 0 ? "true" : "false")}\n";
                yaml += "crossAccount:\n" + string.Concat(Enumerable.Range(0, cross).Select(i =>
                    $"  - name: X{seed}-{i}\n    trustedAccounts: [\"222222222222\"]\n    externalId: ext-{seed}-{i}\n    managedPolicies: [ReadOnlyAccess]\n"));
                if (oidc > 0)
                {
                    yaml += "oidc:\n  providers:\n    - name: github\n      preset: github\n  roles:\n" + string.Concat(Enumerable.Range(0, oidc).Select(i =>
                        $"    - name: G{i}\n      provider: github\n      subjects: [\"repo:acme/app{seed}:ref:refs/heads/main\"]\n      managedPolicies: [ReadOnlyAccess]\n"));
                }

                return (yaml, region);
            });

    [Fact]
    public void ATargetWithoutOverridesIsTheBaseStackExceptItsAccountRegionAndNames() =>
        Gen.Select(StackFile, Gen.Int[0, 999999], Gen.Int[0, Regions.Length - 1]).Sample(t =>
        {
            var ((yaml, _), account, region) = t;
            var targetAccount = $"{300000000000 + account}";
            var baseStack = StackFiles.Valid(yaml);
            // The targets go at the end of the file, so every other position is the same as in the base file.
            var result = StackFiles.Load(yaml + $"targets:\n  - account: \"{targetAccount}\"\n    region: {Regions[region]}\n");
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            var target = Assert.Single(result.Stacks);

            Assert.Equal((targetAccount, Regions[region], 0), (target.Account, target.Region, target.Target!.Index));
            Assert.Equal($"EdgeIam-dev-{targetAccount}-{Regions[region]}", target.CloudFormationStackName);
            Assert.Equal($"EdgeIam-dev-{Regions[region]}", target.RoleNamePrefix);
            // Positions of account and region are the target's; everything else is exactly the base.
            var expected = baseStack with { Account = target.Account, Region = target.Region, Target = target.Target };
            Assert.Equal(Comparable(expected), Comparable(target));
        }, iter: 40);

    [Fact]
    public void EveryTargetsStackIsTheSameStackFileWithItsOwnAccountAndRegion() =>
        Gen.Select(StackFile, Gen.Int[2, 5]).Sample(t =>
        {
            var ((yaml, _), count) = t;
            var targets = string.Concat(Enumerable.Range(0, count).Select(i => $"  - account: \"{400000000000 + i}\"\n"));
            var result = StackFiles.Load(yaml + "targets:\n" + targets);
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            Assert.Equal(count, result.Stacks.Count);
            var first = result.Stacks[0];
            Assert.All(result.Stacks, s => Assert.Equal(
                Comparable(first with { Account = s.Account, Target = s.Target }),
                Comparable(s)));
            Assert.Equal(count, result.Stacks.Select(s => s.CloudFormationStackName).Distinct(StringComparer.Ordinal).Count());
        }, iter: 30);

    /// <summary>The stack as JSON without the positions of account and region (a target's are its own) and of targets.</summary>
    private static string Comparable(StackConfig stack) =>
        JsonSerializer.Serialize(stack with
        {
            Positions = stack.Positions.Where(p => p.Key is not ("account" or "region") && !p.Key.StartsWith("targets", StringComparison.Ordinal))
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        });
}
