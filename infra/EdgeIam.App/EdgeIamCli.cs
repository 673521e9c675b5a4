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
    internal const string QuietOption = "--quiet";

    /// <summary>The command tree (every command and option), for running and for tests that check what workflows call.</summary>
    internal static (RootCommand Root, Option<bool> Verbose) Build(CliContext context)
    {
        var verbose = new Option<bool>(InternalFailure.VerboseOption)
        {
            Description = $"On an internal error (exit 3), print the stack trace too (also: {InternalFailure.DebugVariable}=1).",
            Recursive = true,
        };
        var quiet = new Option<bool>(QuietOption)
        {
            Description = "No progress and no summary lines (for CI logs); reports and errors still go out.",
            Recursive = true,
        };
        var root = new RootCommand("EdgeIam: short-lived AWS access for edge workloads, as a CDK app with an offline IAM policy engine.")
        {
            verbose,
            quiet,
        };
        root.Subcommands.Add(SynthCommand.Create(context));
        root.Subcommands.Add(PkiCommand.Create(context));
        root.Subcommands.Add(DeviceConfigCommand.Create(context));
        root.Subcommands.Add(RaSessionCommand.Create(context));
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(AccessCommand.Create(context));
        root.Subcommands.Add(DiffCommand.Create(context));
        root.Subcommands.Add(CanAssumeCommand.Create(context));
        root.Subcommands.Add(CanDoCommand.Create(context));
        return (root, verbose);
    }

    public static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        // Commands are built around the context, so --quiet is read before parsing (it takes no value).
        var (root, verbose) = Build(context with { Quiet = args.TakeWhile(a => a != "--").Contains(QuietOption, StringComparer.Ordinal) });
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
