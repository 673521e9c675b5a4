using System.CommandLine;
using EdgeIam.App.Output;
using EdgeIam.Config;
using EdgeIam.Config.Placement;
using EdgeIam.Config.Stack;
using EdgeIam.Infrastructure;
using EdgeIam.Policy;
using EdgeIam.Policy.Reports;

namespace EdgeIam.App.Commands;

/// <summary><c>edgeiam synth</c>: load every stack file, validate, synthesize the cloud assembly atomically, summarise.</summary>
public static class SynthCommand
{
    public static Command Create(CliContext context)
    {
        var stacks = new Option<string[]>("--stack")
        {
            Description = "Synthesize only this stack (file name without .yaml). Repeatable. Default: every stack file.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var configDir = new Option<string>("--config-dir")
        {
            Description = "Folder of stack files.",
            DefaultValueFactory = _ => "stacks",
        };
        var outDir = new Option<string>("--out")
        {
            Description = "Cloud assembly output folder; replaced as a whole only when synthesis succeeds.",
            DefaultValueFactory = _ => "cdk.out",
        };

        var noCheck = new Option<bool>("--no-check")
        {
            Description = "Skip the policy check that otherwise runs on the templates just written (see `edgeiam check`).",
        };

        var locked = new Option<bool>("--locked")
        {
            Description = "Refuse to create or change a lock file (<name>.lock.json, where each role and fleet's template is recorded): for CI, so a placement nobody committed is never deployed.",
        };

        var command = new Command("synth", "Validate stack files, synthesize the CloudFormation templates (EdgeIam-<name>.template.json), then policy-check them.")
        {
            stacks,
            configDir,
            outDir,
            noCheck,
            locked,
        };
        command.SetAction(parse => Run(
            context,
            parse.GetValue(stacks) ?? [],
            parse.GetValue(configDir)!,
            parse.GetValue(outDir)!,
            check: !parse.GetValue(noCheck),
            frozenPlacement: parse.GetValue(locked)));
        return command;
    }

    /// <summary>
    /// The one synth path, for <c>edgeiam synth</c> and for the CDK CLI running the app (<see cref="CdkAppMode"/>):
    /// exit 0 written (and, with <paramref name="check"/>, no policy errors), 1 policy errors in what was written,
    /// 2 bad configuration or output folder (nothing written), 3 the CDK or its runtime failed.
    /// </summary>
    public static int Run(CliContext context, IReadOnlyCollection<string> stackNames, string configDir, string outDir, bool check = true, SynthWrite write = SynthWrite.ReplaceFolder, bool frozenPlacement = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The CDK runtime starts while the stack files load; nothing touches the CDK until runtime.Wait().
        var runtime = CdkRuntimeWarmup.Start();
        StackLoadResult result;
        PlacementPlan placement;
        bool configOk;
        string? outputProblem;
        try
        {
            result = new StackConfigLoader(context.Time).LoadDirectory(configDir, stackNames);

            // Which template each role and fleet goes in, against the lock files, before anything is written: a bad
            // lock or a template over CloudFormation's quotas is reported with the config errors.
            placement = StackPlacements.Plan(result.Stacks, frozenPlacement);
            result = result with { Diagnostics = [.. result.Diagnostics, .. placement.Diagnostics] };
            configOk = DiagnosticPrinter.Report(result, context.Error, context);
            outputProblem = write == SynthWrite.ReplaceFolder ? OutputTarget.Problem(outDir, configDir) : null;
        }
        catch
        {
            // Whatever failed, let the runtime finish starting before the process exits and its temp folder goes;
            // node half-started prints its own errors over the real one.
            runtime.Abandon();
            throw;
        }

        if (outputProblem is not null)
        {
            context.Error.WriteLine($"edgeiam: --out {outDir} {outputProblem}");
        }

        if (!configOk || outputProblem is not null)
        {
            context.Error.WriteLine($"edgeiam: nothing was written to {outDir}.");
            runtime.Abandon();
            return ExitCodes.BadInput;
        }

        try
        {
            if (write == SynthWrite.ReplaceFolder)
            {
                AtomicDirectory.Write(outDir, staging =>
                {
                    context.Progress("starting the CDK runtime (node)");
                    runtime.Wait();
                    EdgeIamApp.Synthesize(result.Stacks, staging, context.Progress, placement.Placements);
                    WriteLockFiles(context, placement);
                });
            }
            else
            {
                context.Progress("starting the CDK runtime (node)");
                runtime.Wait();
                EdgeIamApp.Synthesize(result.Stacks, outDir, context.Progress, placement.Placements);
                WriteLockFiles(context, placement);
            }
        }
        catch (StackInputException ex)
        {
            context.Error.WriteLine(ex.Message);
            context.Error.WriteLine($"edgeiam: nothing was written to {outDir}.");
            return ExitCodes.BadInput;
        }
        catch (OutputBusyException ex)
        {
            // Refused before the runtime was waited for: let it finish starting (see CdkRuntimeWarmup.Abandon).
            runtime.Abandon();
            context.Error.WriteLine($"edgeiam: {ex.Message}");
            context.Error.WriteLine($"edgeiam: nothing was written to {outDir}.");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The CDK or its runtime failed after the input was accepted: an internal failure, not a finding.
            runtime.Abandon();
            context.Error.WriteLine($"edgeiam: synthesis failed: {ex.Message}");
            context.Error.WriteLine(write == SynthWrite.ReplaceFolder ? $"edgeiam: {outDir} was left as it was." : $"edgeiam: {outDir} may hold a partial assembly; do not deploy it.");
            if (InternalFailure.TracesRequested(Environment.GetCommandLineArgs()))
            {
                context.Error.WriteLine(ex.ToString());
            }

            return ExitCodes.InternalFailure;
        }

        foreach (var stack in result.Stacks.Where(_ => !context.Quiet))
        {
            StackSummary.Write(context.Out, stack, outDir);
        }

        return check ? CheckWritten(context, outDir, [.. result.Stacks.Select(s => s.CloudFormationStackName)]) : ExitCodes.Ok;
    }

    /// <summary>
    /// Records the placement once the assembly is synthesized (before it replaces the old one), so a failed synth
    /// leaves the lock files as they were; each is written whole through a temporary file.
    /// </summary>
    private static void WriteLockFiles(CliContext context, PlacementPlan placement)
    {
        foreach (var write in placement.LockWrites)
        {
            PlacementLock.WriteAtomically(write.Path, write.Bytes);
            context.Progress($"recorded the placement in {write.Path} (commit it with the stack file)");
        }
    }

    /// <summary>
    /// The policy check over what synth just wrote, through the same guard as <c>edgeiam check</c> (a template the
    /// engine refuses is exit 2 with its file and JSON path): findings in full when there are any, else the summary line.
    /// </summary>
    private static int CheckWritten(CliContext context, string outDir, IReadOnlyCollection<string> stacks) =>
        PolicyCommandOptions.Guard(context, () => ReportWritten(context, outDir, PolicyCheck.RunAssembly(outDir, stacks)));

    private static int ReportWritten(CliContext context, string outDir, CheckReport report)
    {
        if (report.Findings.Count > 0)
        {
            context.Out.WriteLine();
            CheckReportWriter.Write(report, ReportFormat.Text, context.Out);
        }
        else if (!context.Quiet)
        {
            context.Out.WriteLine();
            context.Out.WriteLine(report.Summary);
        }

        if (!report.HasErrors)
        {
            return ExitCodes.Ok;
        }

        context.Error.WriteLine($"edgeiam: the policy check found errors in the templates written to {outDir}; fix the stack files before deploying.");
        return ExitCodes.Findings;
    }
}
