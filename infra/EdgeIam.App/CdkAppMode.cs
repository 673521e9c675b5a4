using EdgeIam.App.Commands;
using EdgeIam.App.Output;

namespace EdgeIam.App;

/// <summary>
/// Entry when the CDK CLI runs the app (<c>npx cdk synth|diff|deploy</c>): every stack of <c>stacks/</c>,
/// written where the CLI asked (<c>CDK_OUTDIR</c>), through the same path as <c>edgeiam synth</c>: the same loading,
/// error messages, summary, policy check and exit codes (2 for bad configuration with every error listed, 1 when
/// the policy check finds errors, so a deploy stops before CloudFormation sees the templates).
/// </summary>
public static class CdkAppMode
{
    public const string OutdirVariable = "CDK_OUTDIR";

    public static int Run(CliContext context, string outdir) =>
        SynthCommand.Run(context, [], "stacks", outdir, check: true, SynthWrite.IntoCdkOutdir);
}
