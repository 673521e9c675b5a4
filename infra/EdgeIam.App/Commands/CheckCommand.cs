using System.CommandLine;
using System.Text.Json.Nodes;
using EdgeIam.App.Output;
using EdgeIam.Config;
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
        var assertions = new Option<string[]>("--assertions")
        {
            Description = "Check this <stack>.assertions.yaml instead of the assertions the stack's template carries (e.g. the merge base's). Repeatable.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("check", "Check roles, trust policies and instances in the templates against the EdgeIam rules (docs/policy-engine.md).")
        {
            assembly,
            stacks,
            format,
            assertions,
        };
        command.SetAction(parse => Run(context, parse.GetValue(assembly)!, parse.GetValue(stacks) ?? [], PolicyCommandOptions.ParseFormat(parse.GetValue(format)), parse.GetValue(assertions) ?? []));
        return command;
    }

    public static int Run(CliContext context, string assemblyDir, IReadOnlyCollection<string> stacks, ReportFormat format, IReadOnlyList<string>? assertionFiles = null) =>
        PolicyCommandOptions.Guard(context, () =>
        {
            var assertions = new Dictionary<string, string>(StringComparer.Ordinal);
            var loader = new StackConfigLoader(context.Time);
            var ok = true;
            foreach (var file in assertionFiles ?? [])
            {
                var (loaded, diagnostics) = loader.LoadAssertionsFile(file);
                ok &= DiagnosticPrinter.Report(new StackLoadResult([], diagnostics), context.Error, context) && loaded is not null;
                var stack = StackConfigLoader.StackOfAssertionsFile(file);
                if (stack is null || !assertions.TryAdd(stack, new JsonArray([.. (loaded?.Assertions ?? []).Select(a => (JsonNode)a.ToMetadata(file))]).ToJsonString()))
                {
                    context.Error.WriteLine($"edgeiam: --assertions {file}: name it <stack>.assertions.yaml, once per stack");
                    ok = false;
                }
            }

            if (!ok)
            {
                return ExitCodes.BadInput;
            }

            var report = assertions.Count == 0 ? PolicyCheck.RunAssembly(assemblyDir, stacks) : PolicyCheck.RunAssembly(assemblyDir, stacks, assertions);
            CheckReportWriter.Write(report, format, context.Out);
            if (format != ReportFormat.Text)
            {
                context.Error.WriteLine(report.Summary);
            }

            return report.HasErrors ? ExitCodes.Findings : ExitCodes.Ok;
        });
}
