using EdgeIam.App;
using EdgeIam.Infrastructure;

// Node 20's end-of-life banner is noise on every run; the jsii child process inherits this.
if (Environment.GetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION") is null)
{
    Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
}

// The jsii runtime unpacks ~64 MB of npm tarballs into the temp folder on every start and never removes them.
using var jsiiTemp = JsiiTempDirectory.Create();

// Launched by the CDK CLI (cdk synth/diff/deploy): behave as a plain CDK app writing to CDK_OUTDIR.
if (args.Length == 0 && Environment.GetEnvironmentVariable("CDK_OUTDIR") is { Length: > 0 })
{
    return CdkAppMode.Run(CliContext.Console);
}

return EdgeIamCli.Run(args, CliContext.Console);
