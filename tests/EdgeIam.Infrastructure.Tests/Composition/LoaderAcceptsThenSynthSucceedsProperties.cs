using System.Globalization;
using System.Text;
using CsCheck;
using EdgeIam.Config;
using EdgeIam.Config.Stack;
using EdgeIam.Infrastructure.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace EdgeIam.Infrastructure.Tests.Composition;

/// <summary>
/// Every check that can be known from the config runs in the loader: for generated stack files built to provoke the
/// errors that used to surface only in the CDK (names that meet as construct IDs: <c>cam-1</c>/<c>cam1</c>,
/// <c>edge-ca</c>/<c>edge_ca</c>; role names too long once prefixed with <c>EdgeIam-&lt;stack&gt;-</c>; long stack
/// names), a stack the loader accepts synthesizes without any exception, and a stack it refuses is refused with
/// every error located. The CDK itself is the oracle: it throws on duplicate construct IDs and on invalid names.
/// </summary>
public sealed class LoaderAcceptsThenSynthSucceedsProperties(ITestOutputHelper output)
{
    /// <summary>Generated stack files per run; all accepted ones are synthesized, <see cref="StacksPerApp"/> to an app.</summary>
    private const int Cases = 80;

    private const int StacksPerApp = 40;

    private const string PcaArn = "arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/4f2d9c1e-8a7b-4c3d-9e0f-1a2b3c4d5e{0:D2}";

    // Few words and separators make names that differ only in punctuation or case (and so meet as construct IDs)
    // common; the long forms cross IAM's 64 characters once prefixed with EdgeIam-<stack>-.
    private static readonly Gen<string> FleetName = Gen.Frequency(
        (4, Joined(AnyOf("cam", "a"), AnyOf("-", "", "--"), AnyOf("1", "2b"))),
        (1, Gen.Int[20, 40].Select(n => "f" + new string('a', n - 2) + "1")));

    private static readonly Gen<string> RoleName = Gen.Frequency(
        (4, Joined(AnyOf("Partner", "partner", "Edge", "edge"), AnyOf("-", "", ".", "_", "@"), AnyOf("Audit", "audit", "1", "Role"))),
        (1, Gen.Int[35, 64].Select(n => "R" + new string('a', n - 1))));

    private static readonly Gen<string> ResourceName =
        Joined(AnyOf("edge", "Edge", "e"), AnyOf("-", "_", ""), AnyOf("ca", "Ca", "1", "device"));

    private static readonly Gen<string> StackName = Gen.Frequency(
        (4, AnyOf("dev", "prod", "p")),
        (1, Gen.Int[15, 50].Select(n => new string('s', n))));

    private static readonly Gen<string[]> Tags = Gen.Frequency(
        (4, Gen.Const(Array.Empty<string>())),
        (1, AnyOf("Owner", "team:edge", "edgeiam", "edgeiam:justification/Read", "EdgeIam:role", "edgeiam:owner").Array[1, 2]));

    private static readonly Gen<StackCase> Case = Gen.Select(
        StackName,
        FleetName.Array[0, 3],
        RoleName.Array[0, 3],
        RoleName.Array[0, 2],
        Gen.Select(ResourceName.Array[0, 2], RoleName.Array[1, 2], ResourceName.Array[1, 2]),
        Tags,
        (stack, fleets, crossAccount, oidc, ra, tags) => new StackCase(stack, fleets, crossAccount, oidc, ra.Item1, ra.Item2, ra.Item3, tags));

    private static Gen<string> AnyOf(params string[] values) => Gen.OneOf([.. values.Select(Gen.Const)]);

    private static Gen<string> Joined(Gen<string> first, Gen<string> separator, Gen<string> second) =>
        Gen.Select(first, separator, second, (a, s, b) => a + s + b);

    [Fact]
    public void EveryStackTheLoaderAcceptsSynthesizesAndEveryRefusalIsLocated()
    {
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var cases = 0;
        Case.Array[Cases].Sample(batch =>
        {
            cases = batch.Length;
            var accepted = new List<(StackConfig Config, string Yaml)>();
            outcomes.Clear();
            for (var i = 0; i < batch.Length; i++)
            {
                // A distinct file name per case, so every accepted stack can share one app.
                var yaml = batch[i].Yaml();
                var result = Load(yaml, batch[i].StackName + "-" + i.ToString(CultureInfo.InvariantCulture));
                var errors = result.Diagnostics.Where(d => d.IsError).ToList();
                if (errors.Count == 0)
                {
                    accepted.Add((Assert.Single(result.Stacks), yaml));
                    Count(outcomes, "accepted");
                    continue;
                }

                Assert.Empty(result.Stacks);
                foreach (var error in errors)
                {
                    Assert.True(error.Line > 0 && error.Column > 0 && error.KeyPath.Length > 0, $"unlocated error {error}\n--- input ---\n{yaml}");
                    Count(outcomes, "refused: " + Classify(error.Message));
                }
            }

            foreach (var chunk in accepted.Chunk(StacksPerApp))
            {
                SynthesizeOrExplain(chunk);
            }
        }, iter: 1, threads: 1);

        output.WriteLine($"{cases} generated stack files: " + string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        // The generator must reach every class it was built for, or the property says nothing about them.
        foreach (var wanted in new[] { "accepted", "refused: construct ID", "refused: role-name length", "refused: reserved tag" })
        {
            Assert.True(outcomes.ContainsKey(wanted), $"no case was {wanted}: " + string.Join(", ", outcomes.Keys));
        }
    }

    /// <summary>Synthesizes the accepted stacks in one app; on an exception, finds the stack that raised it.</summary>
    private static void SynthesizeOrExplain(IReadOnlyList<(StackConfig Config, string Yaml)> stacks)
    {
        try
        {
            EdgeIamApp.Create(stacks.Select(s => s.Config), null).Synth();
        }
        catch (Exception batchError)
        {
            foreach (var (config, yaml) in stacks)
            {
                try
                {
                    EdgeIamApp.Create([config], null).Synth();
                }
                catch (Exception ex)
                {
                    Assert.Fail($"the loader accepted {config.Name}.yaml but synth threw {ex.GetType().Name}: {ex.Message}\n--- input ---\n{yaml}");
                }
            }

            Assert.Fail($"synth of the accepted stacks threw {batchError.GetType().Name}: {batchError.Message}");
        }
    }

    private static string Classify(string message) =>
        message.Contains("construct ID", StringComparison.Ordinal) ? "construct ID"
        : message.Contains("over IAM's 64", StringComparison.Ordinal) ? "role-name length"
        : message.Contains("namespace", StringComparison.Ordinal) || message.Contains("reserved", StringComparison.Ordinal) ? "reserved tag"
        : message.Contains("unique per account", StringComparison.Ordinal) || message.Contains("declared", StringComparison.Ordinal) || message.Contains("already", StringComparison.Ordinal) ? "duplicate name"
        : "other";

    private static void Count(SortedDictionary<string, int> outcomes, string key) =>
        outcomes[key] = outcomes.GetValueOrDefault(key) + 1;

    private static StackLoadResult Load(string yaml, string name)
    {
        var dir = Directory.CreateTempSubdirectory("edgeiam-property-").FullName;
        try
        {
            var path = Path.Combine(dir, name + ".yaml");
            File.WriteAllText(path, yaml);
            return new StackConfigLoader(new FakeTimeProvider(SynthesizedStacks.Now)).LoadFile(path);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>One generated stack file: names for every section that derives construct IDs or role names.</summary>
    private sealed record StackCase(
        string StackName, string[] Fleets, string[] CrossAccount, string[] OidcRoles,
        string[] TrustAnchors, string[] RolesAnywhereRoles, string[] Profiles, string[] Tags)
    {
        public string Yaml()
        {
            var y = new StringBuilder("account: \"111111111111\"\nregion: us-east-1\n");
            if (Tags.Length > 0)
            {
                y.Append("tags:\n");
                foreach (var key in Tags.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    y.Append(CultureInfo.InvariantCulture, $"  \"{key}\": x\n");
                }
            }

            if (Fleets.Length > 0)
            {
                y.Append("network:\n  vpcCidr: 10.20.0.0/16\n  wavelengthZones:\n    - zone: us-east-1-wl1-bos-wlz-1\n      subnetCidr: 10.20.10.0/24\n");
                y.Append("edgeFleets:\n");
                foreach (var name in Fleets)
                {
                    y.Append(CultureInfo.InvariantCulture, $"  - name: \"{name}\"\n    zone: us-east-1-wl1-bos-wlz-1\n    instanceType: t3.medium\n    count: 1\n");
                }
            }

            if (OidcRoles.Length > 0)
            {
                y.Append("oidc:\n  providers:\n    - name: github\n      preset: github\n  roles:\n");
                foreach (var name in OidcRoles)
                {
                    y.Append(CultureInfo.InvariantCulture, $"    - name: \"{name}\"\n      provider: github\n      subjects: [\"repo:acme/edge:ref:refs/heads/main\"]\n");
                }
            }

            if (CrossAccount.Length > 0)
            {
                y.Append("crossAccount:\n");
                foreach (var name in CrossAccount)
                {
                    y.Append(CultureInfo.InvariantCulture, $"  - name: \"{name}\"\n    trustedAccounts: [\"222222222222\"]\n    externalId: partner-audit-9f2c\n");
                }
            }

            if (TrustAnchors.Length > 0)
            {
                var anchors = string.Join(", ", TrustAnchors.Select(a => $"\"{a}\""));
                var roles = string.Join(", ", RolesAnywhereRoles.Select(r => $"\"{r}\""));
                y.Append("rolesAnywhere:\n  trustAnchors:\n");
                for (var i = 0; i < TrustAnchors.Length; i++)
                {
                    y.Append(CultureInfo.InvariantCulture, $"    - name: \"{TrustAnchors[i]}\"\n      acmPcaArn: {string.Format(CultureInfo.InvariantCulture, PcaArn, i)}\n");
                }

                y.Append("  profiles:\n");
                foreach (var name in Profiles)
                {
                    y.Append(CultureInfo.InvariantCulture, $"    - name: \"{name}\"\n      trustAnchors: [{anchors}]\n      roles: [{roles}]\n");
                }

                y.Append("  roles:\n");
                foreach (var name in RolesAnywhereRoles)
                {
                    y.Append(CultureInfo.InvariantCulture, $"    - name: \"{name}\"\n      allowedSubjects: [\"sensor-*\"]\n");
                }
            }

            return y.ToString();
        }
    }
}
