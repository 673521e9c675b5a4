namespace EdgeIam.Policy.Reports;

/// <summary><c>can-assume</c> text: the request, the decision, then each statement shown with a mark per part.</summary>
internal static class CanAssumeTextWriter
{
    public static void Write(CanAssumeReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"role:      {report.RoleDisplayName} in {report.StackId}");
        output.WriteLine($"caller:    {report.Principal} ({report.PrincipalKind})");
        output.WriteLine($"action:    {report.Action}");
        foreach (var (key, values) in report.Context)
        {
            output.WriteLine($"context:   {key} = {string.Join(" | ", values)}");
        }

        output.WriteLine($"decision:  {report.Decision}");
        foreach (var dependency in report.DependsOn)
        {
            output.WriteLine($"depends on: {dependency}");
        }

        if (report.Statements.Count > 0 && !report.Statements.Any(s => s.Deciding))
        {
            output.WriteLine("statements that name the caller, and why they do not apply:");
        }

        foreach (var statement in report.Statements)
        {
            output.WriteLine($"{(statement.Deciding ? "deciding" : "statement")}:  {statement.Effect} {statement.Label} at {statement.JsonPath}");
            output.WriteLine($"  {Mark(statement.PrincipalMatched)} principal ({statement.PrincipalMatch})");
            output.WriteLine($"  {Mark(statement.ActionMatched)} action {statement.Action}");
            foreach (var condition in statement.Conditions)
            {
                output.WriteLine($"  {Mark(condition.Holds)} {condition.Explanation}");
            }
        }

        if (report.Statements.Count == 0)
        {
            output.WriteLine("no statement of the trust policy names this caller; trusted principals:");
            foreach (var trusted in report.TrustedPrincipals)
            {
                var principals = trusted.Principals.Count == 0 ? "(none)" : string.Join(", ", trusted.Principals);
                output.WriteLine($"  {trusted.Effect} {trusted.Label}: {principals}");
            }
        }

        if (report.IdentityPolicyRequired)
        {
            output.WriteLine("identity policy: required");
        }

        foreach (var note in report.Notes)
        {
            output.WriteLine($"note:      {note}");
        }
    }

    private static string Mark(bool ok) => ok ? "[ok]  " : "[fail]";
}
