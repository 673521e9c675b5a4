using System.CommandLine;
using EdgeIam.Policy.Access;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;
using EdgeIam.Shared;

namespace EdgeIam.App.Commands;

/// <summary><c>edgeiam diff</c>: access added and removed between two assemblies (roles, Roles Anywhere profiles, IMDS options, ingress); <c>--fail-on-widen</c> exits 1 on widening, <c>--fail-on-replace</c> on a role CloudFormation would replace.</summary>
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
        var failOnReplace = new Option<bool>("--fail-on-replace")
        {
            Description = "Exit 1 when a role would be replaced (moved to another template, or its logical ID or RoleName changed): its live sessions would stop working.",
        };
        var linkBase = new Option<string>("--link-base")
        {
            Description = "Markdown: link each role's stack-file line under this URL, e.g. https://github.com/acme/edgeiam/blob/<sha>/.",
        };
        var stacks = PolicyCommandOptions.Stacks("Compare only this stack on both sides (dev or EdgeIam-dev). Repeatable. Default: every stack.");
        var command = new Command("diff", "Show access added, widened, narrowed and removed between two assemblies, role by role.")
        {
            baseDir,
            headDir,
            format,
            failOnWiden,
            failOnReplace,
            stacks,
            linkBase,
        };
        command.SetAction(parse => Run(context, parse.GetValue(baseDir)!, parse.GetValue(headDir)!,
            PolicyCommandOptions.ParseFormat(parse.GetValue(format)), parse.GetValue(failOnWiden), parse.GetValue(stacks) ?? [], parse.GetValue(linkBase), parse.GetValue(failOnReplace)));
        return command;
    }

    public static int Run(CliContext context, string baseDir, string headDir, ReportFormat format, bool failOnWiden, IReadOnlyCollection<string>? stacks = null, string? linkBase = null, bool failOnReplace = false) =>
        PolicyCommandOptions.Guard(context, () =>
        {
            // Both assemblies are read at once; the head's error is reported first, as when read one after the other.
            var (head, @base) = BothAtOnce.Run(() => AssemblyReader.Load(headDir), () => AssemblyReader.Load(baseDir));
            var diff = AccessDiffer.Diff(@base, head, stacks ?? []);
            AccessReportWriter.Write(diff, format, context.Out, head, linkBase);
            if (failOnWiden && diff.HasWidening)
            {
                context.Error.WriteLine("edgeiam: access was widened (--fail-on-widen).");
                return ExitCodes.Findings;
            }

            if (failOnReplace && diff.Count(ChangeKind.Replaced) > 0)
            {
                context.Error.WriteLine("edgeiam: a role would be replaced and its live sessions would end (--fail-on-replace).");
                return ExitCodes.Findings;
            }

            return ExitCodes.Ok;
        });
}
