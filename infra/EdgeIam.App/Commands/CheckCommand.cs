using System.CommandLine;
using EdgeIam.Policy;
using EdgeIam.Policy.Reports;

namespace EdgeIam.App.Commands;

/// <summary><c>edgeiam check</c>: run the policy rules over synthesized templates; exit 1 on any error finding.</summary>
public static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var assembly = PolicyCommandOptions.Assembly();
        var stacks = PolicyCommandOptions.Stacks("Check only this stack (dev or EdgeIam-dev). Repeatable. Default: every stack in the assembly.");
        var format = PolicyCommandOptions.Format("text", "json", "sarif", "markdown");
        var command = new Command("check", "Check roles, trust policies and instances in the templates against the EdgeIam rules (docs/policy-engine.md).")
        {
            assembly,
            stacks,
            format,
        };
        command.SetAction(parse => Run(context, parse.GetValue(assembly)!, parse.GetValue(stacks) ?? [], PolicyCommandOptions.ParseFormat(parse.GetValue(format))));
        return command;
    }

    public static int Run(CliContext context, string assemblyDir, IReadOnlyCollection<string> stacks, ReportFormat format) =>
        PolicyCommandOptions.Guard(context, () =>
        {
            var report = PolicyCheck.RunAssembly(assemblyDir, stacks);
            CheckReportWriter.Write(report, format, context.Out);
            if (format != ReportFormat.Text)
            {
                context.Error.WriteLine(report.Summary);
            }

            return report.HasErrors ? ExitCodes.Findings : ExitCodes.Ok;
        });
}
