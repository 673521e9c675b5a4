using System.Globalization;
using EdgeIam.Policy.Access;

namespace EdgeIam.Policy.Reports;

/// <summary><c>access</c> as text: per role, who can assume it (in words, then the raw conditions) and what it may do.</summary>
internal static class AccessTextWriter
{
    public static void Write(AccessReport report, TextWriter output)
    {
        foreach (var stack in report.Stacks)
        {
            output.WriteLine(stack.StackId);
            foreach (var role in stack.Roles)
            {
                output.WriteLine($"  {role.DisplayName}");
                output.WriteLine("    assumed by");
                foreach (var grant in role.AssumedBy)
                {
                    output.WriteLine($"      - {grant.Description}");
                    output.WriteLine($"          {grant.PrincipalKind} {grant.Principal} via {(grant.NotAction ? "every action except " : string.Empty)}{string.Join(", ", grant.Actions)}");
                    foreach (var condition in grant.Conditions)
                    {
                        output.WriteLine($"          {condition}");
                    }
                }

                output.WriteLine("    may do");
                if (role.Permissions.Count == 0 && role.ManagedPolicies.Count == 0)
                {
                    output.WriteLine("      - nothing (no permission policies)");
                }

                foreach (var permission in role.Permissions)
                {
                    output.WriteLine($"      - {permission.Summary}  [{permission.Policy} {permission.Statement}]");
                }

                foreach (var managed in role.ManagedPolicies)
                {
                    output.WriteLine($"      - managed policy {managed}");
                }

                foreach (var line in Extras(role))
                {
                    output.WriteLine($"    {line}");
                }
            }

            output.WriteLine();
        }
    }

    internal static IEnumerable<string> Extras(RoleAccess role)
    {
        if (role.MaxSessionDurationSeconds is { } seconds)
        {
            yield return $"max session {Model.SessionDuration.Format(seconds)}";
        }

        if (role.PermissionsBoundary is { } boundary)
        {
            yield return $"permissions boundary {boundary}";
        }

        if (role.RolesAnywhereProfiles.Count > 0)
        {
            yield return $"Roles Anywhere profiles {string.Join(", ", role.RolesAnywhereProfiles)}";
        }
    }
}
