using System.CommandLine;
using EdgeIam.App.Commands;

namespace EdgeIam.App;

/// <summary>The <c>edgeiam</c> command line (contract in DESIGN.md): exit 0 ok, 1 findings, 2 bad input or usage.</summary>
public static class EdgeIamCli
{
    public static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand("EdgeIam: short-lived AWS access for edge workloads, as a CDK app with an offline IAM policy engine.");
        root.Subcommands.Add(SynthCommand.Create(context));
        root.Subcommands.Add(PkiCommand.Create(context));
        root.Subcommands.Add(DeviceConfigCommand.Create(context));
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(AccessCommand.Create(context));
        root.Subcommands.Add(DiffCommand.Create(context));
        root.Subcommands.Add(CanAssumeCommand.Create(context));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                context.Error.WriteLine($"edgeiam: {error.Message}");
            }

            context.Error.WriteLine("Run 'edgeiam --help' for usage.");
            return ExitCodes.BadInput;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error });
    }
}
