using System.CommandLine;
using EdgeIam.Policy.Access;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;

namespace EdgeIam.App.Commands;

/// <summary><c>edgeiam diff</c>: access added and removed between two assemblies; <c>--fail-on-widen</c> exits 1 on widening.</summary>
public static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var baseDir = PolicyCommandOptions.Assembly("--base", required: true);
        baseDir.Description = "Assembly before the change (e.g. synthesized from the main branch).";
        var headDir = PolicyCommandOptions.Assembly("--head", required: true);
        headDir.Description = "Assembly after the change.";
        var format = PolicyCommandOptions.Format("text", "json", "markdown");
        var failOnWiden = new Option<bool>("--fail-on-widen") { Description = "Exit 1 when any access was added or widened." };
        var command = new Command("diff", "Show access added, widened, narrowed and removed between two assemblies, role by role.")
        {
            baseDir,
            headDir,
            format,
            failOnWiden,
        };
        command.SetAction(parse => Run(context, parse.GetValue(baseDir)!, parse.GetValue(headDir)!,
            PolicyCommandOptions.ParseFormat(parse.GetValue(format)), parse.GetValue(failOnWiden)));
        return command;
    }

    public static int Run(CliContext context, string baseDir, string headDir, ReportFormat format, bool failOnWiden) =>
        PolicyCommandOptions.Guard(context, () =>
        {
            var before = AccessAnalyzer.Analyze(AssemblyReader.Load(baseDir));
            var after = AccessAnalyzer.Analyze(AssemblyReader.Load(headDir));
            var diff = AccessDiffer.Diff(before, after);
            AccessReportWriter.Write(diff, format, context.Out);
            if (failOnWiden && diff.HasWidening)
            {
                context.Error.WriteLine("edgeiam: access was widened (--fail-on-widen).");
                return ExitCodes.Findings;
            }

            return ExitCodes.Ok;
        });
}
