using Amazon.CDK;
using Amazon.CDK.CXAPI;
using EdgeIam.Config.Stack;

namespace EdgeIam.Infrastructure;

/// <summary>Builds the CDK app for a set of stack configurations and synthesizes it.</summary>
public static class EdgeIamApp
{
    /// <summary>
    /// Feature flags pinned in code rather than cdk.json so <c>edgeiam synth</c> and <c>cdk synth</c> produce the
    /// same template.
    /// </summary>
    private static readonly Dictionary<string, object> Context = new()
    {
        ["@aws-cdk/core:checkSecretUsage"] = true,
        ["@aws-cdk/aws-iam:minimizePolicies"] = true,
        ["@aws-cdk/core:validateSnapshotRemovalPolicy"] = true,
        ["@aws-cdk/aws-ec2:launchTemplateDefaultUserData"] = true,
        ["@aws-cdk/aws-iam:standardizedServicePrincipals"] = true,
        ["@aws-cdk/core:enablePartitionLiterals"] = true,
        ["@aws-cdk/aws-iam:importedRoleStackSafeDefaultPolicyName"] = true,

        // The CDK CLI turns these on for every app it runs; set them here too so `edgeiam synth` and `cdk synth`
        // write the same bytes (aws:cdk:path metadata makes `cdk diff` name constructs).
        ["aws:cdk:enable-path-metadata"] = true,
        ["aws:cdk:enable-asset-metadata"] = true,
    };

    /// <summary>
    /// Creates the app. <paramref name="outdir"/> null means the CDK default (<c>CDK_OUTDIR</c> when the CDK CLI
    /// launched us). Throws <see cref="StackInputException"/> with every refusal of every stack when a construct
    /// refused input.
    /// </summary>
    public static App Create(IEnumerable<StackConfig> stacks, string? outdir)
    {
        var app = new App(new AppProps
        {
            Outdir = outdir,
            // No CDKMetadata resource: it embeds library versions and would differ between machines.
            AnalyticsReporting = false,
            Context = Context,
        });
        var refusals = new List<StackInputException>();
        foreach (var stack in stacks)
        {
            refusals.AddRange(new EdgeIamStack(app, stack).Refusals);
        }

        return refusals.Count switch
        {
            0 => app,
            1 => throw refusals[0],
            _ => throw new StackInputException(refusals),
        };
    }

    public static CloudAssembly Synthesize(IEnumerable<StackConfig> stacks, string? outdir) => Create(stacks, outdir).Synth();
}
