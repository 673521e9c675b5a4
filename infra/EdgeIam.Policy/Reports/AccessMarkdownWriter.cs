using System.Globalization;
using EdgeIam.Policy.Access;

namespace EdgeIam.Policy.Reports;

/// <summary><c>access --format markdown</c>: a Mermaid graph of principals → roles, then a section per role.</summary>
internal static class AccessMarkdownWriter
{
    public static void Write(AccessReport report, TextWriter output)
    {
        output.WriteLine("# EdgeIam access");
        foreach (var stack in report.Stacks)
        {
            output.WriteLine();
            output.WriteLine($"## {stack.StackId}");
            output.WriteLine();
            WriteGraph(stack, output);
            foreach (var role in stack.Roles)
            {
                WriteRole(role, "Assumed by", output);
            }

            foreach (var set in stack.PermissionSets)
            {
                WriteRole(set, "Permission set assigned to", output);
            }
        }
    }

    private static void WriteRole(RoleAccess role, string who, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"### {Markdown.Cell(role.ConfigName ?? role.LogicalId)} — {Markdown.Code(role.LogicalId)}");
        output.WriteLine();
        output.WriteLine($"| {who} | Principal | Actions | Conditions (raw) |");
        output.WriteLine("|---|---|---|---|");
        foreach (var grant in role.AssumedBy)
        {
            var conditions = grant.Conditions.Count == 0 ? "none" : string.Join("<br>", grant.Conditions.Select(c => Markdown.CodeCell(c.ToString())));
            output.WriteLine($"| {Markdown.Cell(grant.Description)} | {grant.PrincipalKind} {Markdown.CodeCell(grant.Principal)} | "
                + $"{Markdown.Cell(string.Join(", ", grant.Actions))} | {conditions} |");
        }

        output.WriteLine();
        output.WriteLine("May do:");
        output.WriteLine();
        if (role.Permissions.Count == 0 && role.ManagedPolicies.Count == 0)
        {
            output.WriteLine("- nothing (no permission policies)");
        }

        foreach (var permission in role.Permissions)
        {
            output.WriteLine($"- {Markdown.Code(permission.Summary)} ({Markdown.Cell(permission.Policy)})");
        }

        foreach (var managed in role.ManagedPolicies)
        {
            output.WriteLine($"- managed policy {Markdown.Code(managed)}");
        }

        foreach (var line in AccessTextWriter.Extras(role))
        {
            output.WriteLine($"- {Markdown.Cell(line)}");
        }

        // Effective access: the same per-session, per-service counts as the text report.
        foreach (var line in AccessTextWriter.EffectiveSummary(role))
        {
            output.WriteLine(line.StartsWith("  - ", StringComparison.Ordinal) ? $"  - {Markdown.Cell(line[4..])}" : $"- {Markdown.Cell(line)}");
        }
    }

    private static void WriteGraph(StackAccess stack, TextWriter output)
    {
        output.WriteLine("```mermaid");
        output.WriteLine("graph LR");
        var principals = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var r = 0; r < stack.Roles.Count; r++)
        {
            var role = stack.Roles[r];
            output.WriteLine($"  r{r.ToString(CultureInfo.InvariantCulture)}[\"{Markdown.MermaidLabel(role.ConfigName ?? role.LogicalId)}\"]");
        }

        for (var r = 0; r < stack.Roles.Count; r++)
        {
            foreach (var grant in stack.Roles[r].AssumedBy)
            {
                if (!principals.TryGetValue(grant.Description, out var node))
                {
                    node = "p" + principals.Count.ToString(CultureInfo.InvariantCulture);
                    principals[grant.Description] = node;
                    output.WriteLine($"  {node}([\"{Markdown.MermaidLabel(grant.Description)}\"])");
                }

                var arrow = grant.Effect == Model.Effect.Deny ? "-. deny .->" : "-->";
                output.WriteLine($"  {node} {arrow} r{r.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        output.WriteLine("```");
    }
}
