using EdgeIam.Config;
using EdgeIam.Infrastructure.Tests.Support;
using EdgeIam.Policy;
using Microsoft.Extensions.Time.Testing;

namespace EdgeIam.Infrastructure.Tests.Access;

/// <summary>
/// The canDo/cannotDo assertions shipped in stacks/dev.assertions.yaml and stacks/prod.assertions.yaml hold on the
/// shipped stacks, and each fails, at its own line, when the stack file is changed to break it: the assertions test
/// the permissions the stack deploys, not nothing.
/// </summary>
[Collection(SynthesizedStacksCollection.Name)]
public sealed class PermissionAssertionMutationTests(SynthesizedStacks stacks)
{
    private static readonly string[] PermissionKinds = ["canDo", "cannotDo"];

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void The_shipped_permission_assertions_hold(string stack)
    {
        var config = stack == "dev" ? stacks.DevConfig : stacks.ProdConfig;
        var permission = config.Assertions!.Assertions.Where(a => PermissionKinds.Contains(a.Kind)).Select(a => a.Id).ToList();
        Assert.True(permission.Count >= 3, string.Join(", ", permission));
        var failed = AssertionFindings(stacks.Assembly.FindStack(stack)!).Select(f => f.Message).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    private static List<Policy.Rules.Finding> AssertionFindings(Policy.Templates.StackTemplate template) =>
        [.. PolicyCheck.CheckStack(template).Where(f => f.Rule.Id.StartsWith("EIAM-ASSERT-", StringComparison.Ordinal))];

    public static TheoryData<string, string, string, string, string> Mutations() => new()
    {
        {
            "EdgeDeviceRole may pass roles", "dev", "devices-cannot-touch-iam",
            "        - sid: PublishDeviceMetrics\n",
            "        - sid: PassEdgeRoles\n          actions: [iam:PassRole]\n          resources: [\"arn:aws:iam::111111111111:role/EdgeIam-dev-*\"]\n        - sid: PublishDeviceMetrics\n"
        },
        {
            "GitHubPlan may write plans to S3", "dev", "pull-requests-cannot-write-s3",
            "        - sid: ReadStackTemplates\n",
            "        - sid: WritePlans\n          actions: [s3:PutObject]\n          resources: [\"arn:aws:s3:::acme-plans/*\"]\n        - sid: ReadStackTemplates\n"
        },
        {
            "the device prefix becomes read-only", "dev", "devices-write-under-their-own-prefix",
            "        access: read-write\n",
            "        access: read\n"
        },
        {
            "devices may write the whole prefix", "dev", "devices-cannot-write-another-devices-prefix",
            "        - sid: PublishDeviceMetrics\n",
            "        - sid: WriteAllDevices\n          actions: [s3:PutObject]\n          resources: [\"arn:aws:s3:::edge-telemetry-dev-111111111111/devices/*\"]\n        - sid: PublishDeviceMetrics\n"
        },
        {
            "the prod device role may read roles (EdgeIamBoundary denies IAM writes, not reads)", "prod", "devices-cannot-touch-iam",
            "          actions: [kinesis:PutRecord, kinesis:PutRecords]\n",
            "          actions: [kinesis:PutRecord, kinesis:PutRecords, iam:GetRole]\n"
        },
        {
            "the production deploy job may read roles (EdgeIamBoundary denies IAM writes, not reads)", "prod", "the-deploy-job-cannot-touch-iam",
            "          resources: [\"arn:aws:s3:::acme-edge-artifacts-prod/*\"]\n",
            "          resources: [\"arn:aws:s3:::acme-edge-artifacts-prod/*\"]\n        - sid: ReadRoles\n          actions: [iam:GetRole]\n          resources: [\"arn:aws:iam::111111111111:role/edge-*\"]\n"
        },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Each_fails_when_the_stack_file_is_changed_to_break_it(string change, string stack, string assertion, string from, string to)
    {
        var dir = Directory.CreateTempSubdirectory("edgeiam-mutated-stacks-").FullName;
        try
        {
            Mutate(dir, change, stack, assertion, from, to);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Mutate(string dir, string change, string stack, string assertion, string from, string to)
    {
        CopyDirectory(SynthesizedStacks.StacksDirectory, dir);
        var file = Path.Combine(dir, stack + ".yaml");
        var text = File.ReadAllText(file);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));

        var result = new StackConfigLoader(new FakeTimeProvider(SynthesizedStacks.Now)).LoadDirectory(dir, [stack]);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var outdir = Path.Combine(dir, "cdk.out");
        EdgeIamApp.Create(result.Stacks, outdir).Synth();
        var template = Policy.Templates.AssemblyReader.Load(outdir).FindStack(stack)!;

        var finding = Assert.Single(AssertionFindings(template));
        Assert.True(finding.Message.StartsWith($"assertion '{assertion}' (", StringComparison.Ordinal), $"{change}: {finding.Message}");
        Assert.Contains(stack + ".assertions.yaml:", finding.Message, StringComparison.Ordinal);
        var kind = result.Stacks.Single().Assertions!.Assertions.Single(a => a.Id == assertion).Kind;
        Assert.Equal(kind == "canDo" ? "EIAM-ASSERT-007" : "EIAM-ASSERT-008", finding.Rule.Id);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var source in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }
}
