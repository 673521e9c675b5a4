namespace EdgeIam.Policy.Templates;

/// <summary>An IAM Roles Anywhere profile (<c>AWS::RolesAnywhere::Profile</c>) and the roles it can hand out.</summary>
internal sealed record RolesAnywhereProfileResource(
    string LogicalId,
    string? Name,
    IReadOnlyList<string> RoleArns,
    IReadOnlyList<string> RoleLogicalIds,
    int? DurationSeconds,
    string JsonPath);
