using System.CommandLine;
using EdgeIam.App.Commands;

namespace EdgeIam.App;

/// <summary>
/// The <c>edgeiam</c> command line: exit 0 ok, 1 findings, 2 bad input or usage, 3 internal failure. An exception no
/// command expected never reaches System.CommandLine's default handler (which prints "Unhandled exception" and the
/// stack trace, exit 1): it becomes exit 3 and one line, see <see cref="InternalFailure"/>.
/// </summary>
public static class EdgeIamCli
{
    public static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var verbose = new Option<bool>(InternalFailure.VerboseOption)
        {
            Description = $"On an internal error (exit 3), print the stack trace too (also: {InternalFailure.DebugVariable}=1).",
            Recursive = true,
        };
        var root = new RootCommand("EdgeIam: short-lived AWS access for edge workloads, as a CDK app with an offline IAM policy engine.")
        {
            verbose,
        };
        root.Subcommands.Add(SynthCommand.Create(context));
        root.Subcommands.Add(PkiCommand.Create(context));
        root.Subcommands.Add(DeviceConfigCommand.Create(context));
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(AccessCommand.Create(context));
        root.Subcommands.Add(DiffCommand.Create(context));
        root.Subcommands.Add(CanAssumeCommand.Create(context));

        ParseResult parsed;
        try
        {
            parsed = root.Parse(args);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return InternalFailure.Report(ex, context.Error, InternalFailure.TracesRequested(args));
        }

        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                context.Error.WriteLine($"edgeiam: {error.Message}");
            }

            context.Error.WriteLine("Run 'edgeiam --help' for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            return InternalFailure.ReportUnexpected(ex, context.Error, parsed.GetValue(verbose) || InternalFailure.TracesRequested(args));
        }
    }
}
