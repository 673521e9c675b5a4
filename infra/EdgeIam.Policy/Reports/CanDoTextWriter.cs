using EdgeIam.Policy.Permissions;

namespace EdgeIam.Policy.Reports;

/// <summary><c>can-do</c> as text: the decision, then each layer's deciding statements, perhaps-statements and unknown policies.</summary>
internal static class CanDoTextWriter
{
    public static void Write(CanDoReport report, TextWriter output)
    {
        var who = report.Session is null ? report.Role : $"{report.Role} ({report.Session})";
        output.WriteLine($"can-do: {who} in {report.StackId}: {report.Outcome} for {report.Action} on {report.Resource}");
        foreach (var layer in report.Evaluation.Layers)
        {
            var state = layer.Denied ? "denies" : layer.Allowed ? "allows" : layer.Certain ? "does not allow" : "cannot be proved";
            output.WriteLine($"  {CanDoReport.LayerName(layer.Layer)}: {state}");
            // The statements that decide the layer: its Denies when it denies, else its Allows.
            foreach (var hit in layer.Denied ? layer.Denies : layer.Allows)
            {
                output.WriteLine("    " + CanDoReport.Describe(hit));
            }

            foreach (var hit in layer.Perhaps)
            {
                output.WriteLine($"    perhaps: {CanDoReport.Describe(hit)}: holds a deploy-time value, so whether it applies is not known offline");
            }

            foreach (var unknown in layer.Unknown)
            {
                output.WriteLine($"    unknown: {unknown.Label}: {unknown.Unknown}");
            }
        }

        if (report.Session is null && report.Permissions.Session is null)
        {
            output.WriteLine("  session policies: none (the role on its own; pass --session profile:NAME for a Roles Anywhere session)");
        }

        foreach (var conditional in report.Evaluation.ConditionalAllows)
        {
            output.WriteLine($"  note: {CanDoReport.Describe(conditional)} would allow when the request carries {string.Join(" and ", conditional.MissingKeyConditions.Select(CanDoReport.Describe))} (give it with --context)");
        }

        foreach (var caveat in report.Permissions.AllPolicies.Select(p => p.Caveat).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            output.WriteLine($"  note: {caveat}");
        }

        if (report.Evaluation.Outcome == PermissionOutcome.Allowed)
        {
            output.WriteLine("  note: organisation SCPs and RCPs are not in the template; they can only deny further");
        }
    }
}
