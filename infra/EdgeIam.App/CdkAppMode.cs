using EdgeIam.App.Output;
using EdgeIam.Config;
using EdgeIam.Infrastructure;

namespace EdgeIam.App;

/// <summary>
/// Entry when the CDK CLI runs the app (<c>npx aws-cdk@2 synth|diff|deploy</c>): every stack of <c>stacks/</c>,
/// written where the CLI asked (<c>CDK_OUTDIR</c>). Bad configuration still exits 2 with every error listed.
/// </summary>
public static class CdkAppMode
{
    public static int Run(CliContext context)
    {
        var runtime = CdkRuntimeWarmup.Start();
        StackLoadResult result;
        try
        {
            result = new StackConfigLoader(context.Time).LoadDirectory("stacks", []);
        }
        catch
        {
            // Let the runtime finish starting first: node half-started prints its own errors over the real one.
            runtime.Abandon();
            throw;
        }

        if (!DiagnosticPrinter.Report(result, context.Error))
        {
            runtime.Abandon();
            return ExitCodes.BadInput;
        }

        try
        {
            runtime.Wait();
            EdgeIamApp.Synthesize(result.Stacks, outdir: null);
        }
        catch (StackInputException ex)
        {
            context.Error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            context.Error.WriteLine($"edgeiam: synthesis failed: {ex.Message}");
            return ExitCodes.InternalFailure;
        }

        return ExitCodes.Ok;
    }
}
