using System.Text.Json.Nodes;

namespace EdgeIam.App.Tests;

/// <summary>
/// synth and the lock file (<c>&lt;name&gt;.lock.json</c>): written when the placement changes, honoured as written,
/// refused when it is not what synth writes, frozen by <c>--locked</c>; and a Roles Anywhere role placed in a shard
/// still gets a device config (its ARN derived from its name, since it has no top-level output).
/// </summary>
public sealed class PlacementLockSynthTests
{
    private static string Lock(string stacks) => Path.Combine(stacks, "dev.lock.json");

    [Fact]
    public void A_missing_lock_is_written_after_the_synth_and_an_unchanged_one_is_left_alone()
    {
        var stacks = CliRunner.CopyOfStacks();
        var shipped = File.ReadAllBytes(Lock(stacks));
        File.Delete(Lock(stacks));

        var first = CliRunner.Run("synth", "--stack", "dev", "--no-check", "--config-dir", stacks, "--out", CliRunner.NewTempPath());
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(shipped, File.ReadAllBytes(Lock(stacks)));

        var written = File.GetLastWriteTimeUtc(Lock(stacks));
        File.SetLastWriteTimeUtc(Lock(stacks), written.AddDays(-1));
        var second = CliRunner.Run("synth", "--stack", "dev", "--no-check", "--locked", "--config-dir", stacks, "--out", CliRunner.NewTempPath());
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(written.AddDays(-1), File.GetLastWriteTimeUtc(Lock(stacks)));
    }

    [Fact]
    public void Locked_refuses_a_missing_or_stale_lock_before_anything_is_written()
    {
        var stacks = CliRunner.CopyOfStacks();
        File.Delete(Lock(stacks));
        var out1 = CliRunner.NewTempPath();

        var missing = CliRunner.Run("synth", "--stack", "dev", "--no-check", "--locked", "--config-dir", stacks, "--out", out1);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("dev.lock.json: error: is missing: --locked needs the placement of dev.yaml committed.", missing.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Lock(stacks)));
        Assert.False(Directory.Exists(out1));

        File.Copy(Path.Combine(CliRunner.RepositoryRoot, "stacks", "dev.lock.json"), Lock(stacks));
        var yaml = Path.Combine(stacks, "dev.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("crossAccount:\n", "crossAccount:\n  - name: Added\n    trustedAccounts: [\"222222222222\"]\n    externalId: ext-added-1\n    managedPolicies: [ReadOnlyAccess]\n", StringComparison.Ordinal));
        var before = File.ReadAllBytes(Lock(stacks));

        var stale = CliRunner.Run("synth", "--stack", "dev", "--no-check", "--locked", "--config-dir", stacks, "--out", CliRunner.NewTempPath());

        Assert.Equal(2, stale.ExitCode);
        Assert.Contains("is out of date with dev.yaml", stale.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Lock(stacks)));
    }

    [Fact]
    public void A_lock_that_is_not_what_synth_writes_stops_synth_with_its_file_and_fix()
    {
        var stacks = CliRunner.CopyOfStacks();
        File.WriteAllText(Lock(stacks), "<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> branch\n");
        var out1 = CliRunner.NewTempPath();

        var result = CliRunner.Run("synth", "--stack", "dev", "--no-check", "--config-dir", stacks, "--out", out1);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("dev.lock.json:1:1: error: is not valid JSON", result.Error, StringComparison.Ordinal);
        Assert.Contains("git checkout", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(out1));
    }

    [Fact]
    public void Every_refused_lock_of_every_stack_file_is_reported_at_once()
    {
        var stacks = CliRunner.CopyOfStacks();
        File.WriteAllText(Lock(stacks), "[]");
        File.WriteAllText(Path.Combine(stacks, "prod.lock.json"), """{"version": 2, "stacks": {}}""");

        var result = CliRunner.Run("synth", "--no-check", "--config-dir", stacks, "--out", CliRunner.NewTempPath());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("dev.lock.json: error: $: is an array", result.Error, StringComparison.Ordinal);
        Assert.Contains("prod.lock.json: error: $.version: must be 1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lock_is_honoured_as_written_and_a_role_it_places_in_a_shard_still_gets_a_device_config()
    {
        var stacks = CliRunner.CopyOfStacks();
        var document = JsonNode.Parse(File.ReadAllText(Lock(stacks)))!;
        var top = document["stacks"]!["EdgeIam-dev"]!["top"]!.AsArray();
        var moved = top.First(n => (string?)n == "rolesAnywhere.roles/EdgeDeviceRole")!;
        top.Remove(moved);
        document["stacks"]!["EdgeIam-dev"]!["Shard1"] = new JsonArray("rolesAnywhere.roles/EdgeDeviceRole");
        File.WriteAllText(Lock(stacks), document.ToJsonString());
        var assembly = CliRunner.NewTempPath();

        var synth = CliRunner.Run("synth", "--stack", "dev", "--config-dir", stacks, "--out", assembly);

        Assert.True(synth.ExitCode == 0, synth.Error);
        Assert.Contains("in 2 templates", synth.Out, StringComparison.Ordinal);

        // Compared with the shipped placement (the committed fixture is a synth of stacks/ as they are), the move is a
        // replacement: no access changes, but the role is deleted and created again.
        var shipped = Path.Combine(CliRunner.RepositoryRoot, "tests", "EdgeIam.Policy.Tests", "Fixtures", "Assembly");
        var diff = CliRunner.Run("diff", "--base", shipped, "--head", assembly, "--stack", "dev", "--fail-on-widen");
        Assert.True(diff.ExitCode == 0, diff.Out + diff.Error);
        Assert.Contains("    replaced role        role replaced: moves from template EdgeIam-dev.template.json to EdgeIamdevShard1", diff.Out, StringComparison.Ordinal);
        Assert.Contains("with the fixed RoleName EdgeIam-dev-EdgeDeviceRole kept, the create fails", diff.Out, StringComparison.Ordinal);
        Assert.EndsWith("access diff: 1 change(s): 0 added, 0 widened, 0 narrowed, 0 removed, 1 replaced", diff.Out.TrimEnd(), StringComparison.Ordinal);
        var refused = CliRunner.Run("diff", "--base", shipped, "--head", assembly, "--stack", "dev", "--fail-on-replace");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--fail-on-replace", refused.Error, StringComparison.Ordinal);
        var topLevel = JsonNode.Parse(File.ReadAllText(Path.Combine(assembly, "EdgeIam-dev.template.json")))!;
        Assert.Null(topLevel["Outputs"]!["RolesAnywhereRoleEdgeDeviceRoleArn"]);
        Assert.NotNull(topLevel["Outputs"]!["RolesAnywhereRoleEdgeTelemetryWriterArn"]);

        var outputs = Path.Combine(CliRunner.NewTempPath() + "-outputs.json");
        File.WriteAllText(outputs, """
            {"EdgeIam-dev": {
              "RolesAnywhereTrustAnchorEdgeCaArn": "arn:aws:rolesanywhere:us-east-1:111111111111:trust-anchor/11111111-2222-4333-8444-555555555555",
              "RolesAnywhereProfileEdgeDeviceArn": "arn:aws:rolesanywhere:us-east-1:111111111111:profile/22222222-2222-4333-8444-555555555555",
              "RolesAnywhereRoleEdgeTelemetryWriterArn": "arn:aws:iam::111111111111:role/EdgeIam-dev-EdgeTelemetryWriter"}}
            """);
        try
        {
            var config = CliRunner.Run("device-config", "--assembly", assembly, "--outputs", outputs, "--profile", "edge-device",
                "--trust-anchor", "edge-ca", "--role", "EdgeDeviceRole", "--certificate", "/etc/edgeiam/d.crt", "--private-key", "/etc/edgeiam/d.key");

            Assert.True(config.ExitCode == 0, config.Error);
            Assert.Contains("--role-arn arn:aws:iam::111111111111:role/EdgeIam-dev-EdgeDeviceRole ", config.Out, StringComparison.Ordinal);

            var unknown = CliRunner.Run("device-config", "--assembly", assembly, "--outputs", outputs, "--profile", "edge-device",
                "--trust-anchor", "edge-ca", "--role", "NoSuchRole", "--certificate", "c", "--private-key", "k");
            Assert.Equal(2, unknown.ExitCode);
            Assert.Contains("has no role 'NoSuchRole'", unknown.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(outputs);
        }
    }
}
