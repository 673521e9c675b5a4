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
        json.WriteStartArray("assumedBy");
        foreach (var grant in role.AssumedBy)
        {
            json.WriteStartObject();
            json.WriteString("effect", grant.Effect.ToString());
            json.WriteString("principalKind", grant.PrincipalKind);
            json.WriteString("principal", grant.Principal);
            json.WriteString("description", grant.Description);
            json.WriteStringArray(grant.NotAction ? "notActions" : "actions", grant.Actions);
            WriteConditions(json, grant.Conditions);
            json.WriteString("statement", grant.Statement);
            json.WriteString("jsonPath", grant.JsonPath);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("permissions");
        foreach (var permission in role.Permissions)
        {
            json.WriteStartObject();
            json.WriteString("effect", permission.Effect.ToString());
            json.WriteString("policy", permission.Policy);
            json.WriteString("statement", permission.Statement);
            json.WriteStringArray(permission.NotAction ? "notActions" : "actions", permission.Actions);
            json.WriteStringArray(permission.NotResource ? "notResources" : "resources", permission.Resources);
            WriteConditions(json, permission.Conditions);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStringArray("managedPolicies", role.ManagedPolicies);
        json.WriteStringArray("rolesAnywhereProfiles", role.RolesAnywhereProfiles);
        json.WriteEndObject();
    }

    private static void WriteConditions(Utf8JsonWriter json, IReadOnlyList<ConditionFact> conditions)
    {
        json.WriteStartArray("conditions");
        foreach (var condition in conditions)
        {
            json.WriteStartObject();
            json.WriteString("operator", condition.Operator.Name);
            json.WriteString("key", condition.Key);
            json.WriteStringArray("values", condition.Values);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
