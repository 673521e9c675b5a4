using System.CommandLine;
using EdgeIam.Policy.Access;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;

namespace EdgeIam.App.Commands;

/// <summary><c>edgeiam access</c>: per role, who can assume it (in words and raw patterns) and what it may do.</summary>
public static class AccessCommand
{
    public static Command Create(CliContext context)
    {
        var assembly = PolicyCommandOptions.Assembly();
        var stack = new Option<string>("--stack") { Description = "Report only this stack (dev or EdgeIam-dev). Default: every stack." };
        var format = PolicyCommandOptions.Format("text", "json", "markdown");
        var command = new Command("access", "Report who can assume each role and what it may do.")
        {
            assembly,
            stack,
            format,
        };
        command.SetAction(parse => Run(context, parse.GetValue(assembly)!, parse.GetValue(stack), PolicyCommandOptions.ParseFormat(parse.GetValue(format))));
        return command;
    }

    public static int Run(CliContext context, string assemblyDir, string? stack, ReportFormat format) =>
        PolicyCommandOptions.Guard(context, () =>
        {
            var assembly = AssemblyReader.Load(assemblyDir, stack is null ? [] : [stack]);
            AccessReportWriter.Write(AccessAnalyzer.Analyze(assembly), format, context.Out);
            return ExitCodes.Ok;
        });
}
