using EdgeIam.App;
using EdgeIam.Infrastructure;

// Last line of defence: an exception on another thread would otherwise print "Unhandled exception." and a stack
// trace and abort (exit 134). Say it in one line and exit 3 (internal failure) instead.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    if (e.ExceptionObject is Exception ex)
    {
        InternalFailure.Report(ex, Console.Error, InternalFailure.TracesRequested(args));
    }

    Environment.Exit(ExitCodes.InternalFailure);
};

try
{
    // Node 20's end-of-life banner is noise on every run; the jsii child process inherits this.
    if (Environment.GetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION") is null)
    {
        Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
    }

    // The jsii runtime unpacks ~64 MB of npm tarballs into the temp folder on every start and never removes them;
    // this also removes what killed runs left behind.
    using var jsiiTemp = JsiiTempDirectory.Create();

    // Launched by the CDK CLI (cdk synth/diff/deploy): behave as a plain CDK app writing to CDK_OUTDIR.
    if (args.Length == 0 && Environment.GetEnvironmentVariable(CdkAppMode.OutdirVariable) is { Length: > 0 } cdkOutdir)
    {
        return CdkAppMode.Run(CliContext.Console, cdkOutdir);
    }

    return EdgeIamCli.Run(args, CliContext.Console);
}
catch (Exception ex)
{
    return InternalFailure.ReportUnexpected(ex, Console.Error, InternalFailure.TracesRequested(args));
}
