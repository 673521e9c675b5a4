using EdgeIam.Policy.Access;

namespace EdgeIam.Policy.Reports;

/// <summary><c>diff</c> as text: per stack and role, each change with its details (raw patterns included).</summary>
internal static class DiffTextWriter
{
    public static void Write(AccessDiff diff, TextWriter output)
    {
        foreach (var stack in diff.Changes.GroupBy(c => c.Stack))
        {
            output.WriteLine($"EdgeIam-{stack.Key}");
            foreach (var role in stack.GroupBy(c => c.Role))
            {
                output.WriteLine($"  {role.Key}");
                foreach (var change in role)
                {
                    output.WriteLine($"    {Word(change.Kind),-8} {change.Area,-11} {change.Summary}");
                    foreach (var detail in change.Details)
                    {
                        output.WriteLine($"               {detail}");
                    }
                }
            }

            output.WriteLine();
        }

        output.WriteLine(diff.Summary);
    }

    public static string Word(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "added",
        ChangeKind.Widened => "widened",
        ChangeKind.Narrowed => "narrowed",
        ChangeKind.Replaced => "replaced",
        _ => "removed",
    };
}
