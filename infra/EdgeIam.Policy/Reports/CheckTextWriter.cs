using EdgeIam.Policy.Rules;

namespace EdgeIam.Policy.Reports;

/// <summary>The default <c>check</c> output: findings grouped by stack and role, each with where and how to fix it.</summary>
internal static class CheckTextWriter
{
    public static void Write(CheckReport report, TextWriter output)
    {
        foreach (var stack in report.Stacks)
        {
            output.WriteLine($"{stack.StackId}  ({stack.TemplateFile})");
            var findings = report.Findings.Where(f => f.Stack == stack.Name).ToList();
            if (findings.Count == 0)
            {
                output.WriteLine($"  no findings ({stack.RoleCount} roles)");
            }

            foreach (var subject in findings.GroupBy(f => f.Subject))
            {
                output.WriteLine($"  {subject.Key}");
                foreach (var finding in subject)
                {
                    output.WriteLine($"    {Level(finding.Severity),-7} {finding.Rule.Id}  {finding.Message}");
                    if (finding.SourceLine is { } source)
                    {
                        output.WriteLine($"            in  {source.File}:{source.Line}:{source.Column}");
                    }

                    output.WriteLine($"            at  {finding.JsonPath}");
                    output.WriteLine($"            fix {finding.Rule.Fix}");
                }
            }

            foreach (var result in report.Assertions.Where(a => a.Stack == stack.Name))
            {
                output.WriteLine($"  {(result.Held ? "held  " : "FAILED")}  {result.Assertion.Label}");
            }

            output.WriteLine();
        }

        output.WriteLine(report.Summary);
    }

    public static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
