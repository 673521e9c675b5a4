using System.CommandLine;
using EdgeIam.App.Output;
using EdgeIam.Config;
using EdgeIam.Config.Stack;
using EdgeIam.Infrastructure;

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

        var command = new Command("synth", "Validate stack files and synthesize the CloudFormation templates (EdgeIam-<name>.template.json).")
        {
            stacks,
            configDir,
            outDir,
        };
        command.SetAction(parse => Run(
            context,
            parse.GetValue(stacks) ?? [],
            parse.GetValue(configDir)!,
            parse.GetValue(outDir)!));
        return command;
    }

    public static int Run(CliContext context, IReadOnlyCollection<string> stackNames, string configDir, string outDir)
    {
        var result = new StackConfigLoader(context.Time).LoadDirectory(configDir, stackNames);
        if (!DiagnosticPrinter.Report(result, context.Error))
        {
            context.Error.WriteLine($"edgeiam: nothing was written to {outDir}.");
            return ExitCodes.BadInput;
        }

        try
        {
            AtomicDirectory.Write(outDir, staging => EdgeIamApp.Synthesize(result.Stacks, staging));
        }
        catch (StackInputException ex)
        {
            context.Error.WriteLine(ex.Message);
            context.Error.WriteLine($"edgeiam: nothing was written to {outDir}.");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            context.Error.WriteLine($"edgeiam: synthesis failed: {ex.Message}");
            context.Error.WriteLine($"edgeiam: {outDir} was left as it was.");
            return ExitCodes.Findings;
        }

        foreach (var stack in result.Stacks)
        {
            StackSummary.Write(context.Out, stack, outDir);
        }

        return ExitCodes.Ok;
    }
}
