using Amazon.CDK;
using Amazon.CDK.CXAPI;
using EdgeIam.Config.Placement;
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

        // A CDK annotation (a stack "approaching" 500 resources) otherwise carries node's stack trace, with the jsii
        // runtime's random temp folder in every frame: manifest.json would differ between two synths.
        ["aws:cdk:disable-stack-trace"] = true,
    };

    /// <summary>
    /// Creates the app. <paramref name="outdir"/> null means the CDK default (<c>CDK_OUTDIR</c> when the CDK CLI
    /// launched us). Throws <see cref="StackInputException"/> with every refusal of every stack when a construct
    /// refused input.
    /// </summary>
    public static App Create(IEnumerable<StackConfig> stacks, string? outdir, Action<string>? progress = null, IReadOnlyDictionary<string, TemplatePlacement>? placements = null)
    {
        var app = new App(new AppProps
        {
            Outdir = outdir,
            // No CDKMetadata resource: it embeds library versions and would differ between machines.
            AnalyticsReporting = false,
            Context = Context,
        });
        var refusals = new List<StackInputException>();
        var all = stacks.ToList();
        for (var i = 0; i < all.Count; i++)
        {
            progress?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"building {all[i].CloudFormationStackName} ({i + 1}/{all.Count})"));
            refusals.AddRange(new EdgeIamStack(app, all[i], placements?.GetValueOrDefault(all[i].CloudFormationStackName)).Refusals);
        }

        return refusals.Count switch
        {
            0 => app,
            1 => throw refusals[0],
            _ => throw new StackInputException(refusals),
        };
    }

    /// <summary>Creates the app and writes the cloud assembly; <paramref name="progress"/> hears of each stack and of the write.</summary>
    public static CloudAssembly Synthesize(IEnumerable<StackConfig> stacks, string? outdir, Action<string>? progress = null, IReadOnlyDictionary<string, TemplatePlacement>? placements = null)
    {
        var app = Create(stacks, outdir, progress, placements);
        progress?.Invoke("writing the cloud assembly");
        return app.Synth();
    }
}
