using System.Text.Json;
using EdgeIam.Policy.Access;

namespace EdgeIam.Policy.Reports;

/// <summary><c>access --format json</c>: every role by logical ID and config name, trust grants with raw conditions, permissions.</summary>
internal static class AccessJsonWriter
{
    public static void Write(AccessReport report, TextWriter output) => JsonReport.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteHeader("access");
        json.WriteStartObject("summary");
        json.WriteString("text", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"access: {report.Stacks.Count} stack(s), {report.Stacks.Sum(s => s.Roles.Count)} role(s)"));
        json.WriteNumber("stacks", report.Stacks.Count);
        json.WriteNumber("roles", report.Stacks.Sum(s => s.Roles.Count));
        json.WriteEndObject();
        json.WriteStartArray("stacks");
        foreach (var stack in report.Stacks)
        {
            json.WriteStartObject();
            json.WriteString("stack", stack.Name);
            json.WriteString("stackId", stack.StackId);
            json.WriteStartArray("roles");
            foreach (var role in stack.Roles)
            {
                WriteRole(json, role);
            }

            json.WriteEndArray();

            // A permission set reads as a role; "assumedBy" lists its account assignments (principalKind identity-center).
            json.WriteStartArray("permissionSets");
            foreach (var set in stack.PermissionSets)
            {
                WriteRole(json, set);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteRole(Utf8JsonWriter json, RoleAccess role)
    {
        json.WriteStartObject();
        json.WriteOptionalString("role", role.ConfigName);
        json.WriteString("logicalId", role.LogicalId);
        if (role.MaxSessionDurationSeconds is { } seconds)
        {
            json.WriteNumber("maxSessionDurationSeconds", seconds);
        }
        else
        {
            json.WriteNull("maxSessionDurationSeconds");
        }

        json.WriteOptionalString("permissionsBoundary", role.PermissionsBoundary);
        json.WriteObjects("assumedBy", role.AssumedBy, (w, grant) =>
        {
            w.WriteString("effect", grant.Effect.ToString());
            w.WriteString("principalKind", grant.PrincipalKind);
            w.WriteString("principal", grant.Principal);
            w.WriteString("description", grant.Description);
            w.WriteStringArray(grant.NotAction ? "notActions" : "actions", grant.Actions);
            WriteConditions(w, grant.Conditions);
            w.WriteString("statement", grant.Statement);
            w.WriteString("jsonPath", grant.JsonPath);
        });
        json.WriteObjects("permissions", role.Permissions, (w, permission) =>
        {
            w.WriteString("effect", permission.Effect.ToString());
            w.WriteString("policy", permission.Policy);
            w.WriteString("statement", permission.Statement);
            w.WriteStringArray(permission.NotAction ? "notActions" : "actions", permission.Actions);
            w.WriteStringArray(permission.NotResource ? "notResources" : "resources", permission.Resources);
            WriteConditions(w, permission.Conditions);
        });
        json.WriteStringArray("managedPolicies", role.ManagedPolicies);
        json.WriteStringArray("rolesAnywhereProfiles", role.RolesAnywhereProfiles);
        if (role.PodIdentities.Count > 0)
        {
            json.WriteObjects("podIdentityAssociations", role.PodIdentities, static (w, link) =>
            {
                w.WriteString("association", link.LogicalId);
                w.WriteString("cluster", link.ClusterName);
                w.WriteString("namespace", link.Namespace);
                w.WriteString("serviceAccount", link.ServiceAccount);
                if (link.TargetRoleArn is { } target)
                {
                    w.WriteString("targetRoleArn", target);
                }
            });
        }

        json.WriteObjects("effective", role.Effective, WriteEffective);
        json.WriteEndObject();
    }

    /// <summary>
    /// One session's effective access: per service, per access level, each action with the resources its identity
    /// grants name, the policies granting it and what limits it (Deny, boundary, session policy, conditions).
    /// </summary>
    private static void WriteEffective(Utf8JsonWriter json, Permissions.EffectiveAccess access)
    {
        if (access.Session is { } session)
        {
            json.WriteString("session", session);
        }
        else
        {
            json.WriteNull("session");
        }

        json.WriteStringArray("unknown", access.Unknown);
        json.WriteStartArray("services");
        foreach (var service in access.Actions.GroupBy(a => a.Service, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("service", service.Key);
            json.WriteStartObject("accessLevels");
            foreach (var level in service.GroupBy(a => Permissions.EffectiveAccess.LevelName(a.Level), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                // Actions granted alike (same resources, policies and limits) share one entry: a broad managed policy
                // grants hundreds of actions through one statement.
                var alike = level.GroupBy(a => string.Join("\n", a.Resources) + "\u0001" + string.Join("\n", a.GrantedBy) + "\u0001" + string.Join("\n", a.Limits), StringComparer.Ordinal);
                json.WriteObjects(level.Key, alike, (w, group) =>
                {
                    var first = group.First();
                    w.WriteStringArray("actions", group.Select(a => a.Action));
                    w.WriteStringArray("resources", first.Resources);
                    w.WriteStringArray("grantedBy", first.GrantedBy);
                    w.WriteStringArray("limits", first.Limits);
                });
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteConditions(Utf8JsonWriter json, IReadOnlyList<ConditionFact> conditions)
    {
        json.WriteObjects("conditions", conditions, (w, condition) =>
        {
            w.WriteString("operator", condition.Operator.Name);
            w.WriteString("key", condition.Key);
            w.WriteStringArray("values", condition.Values);
        });
    }
}
