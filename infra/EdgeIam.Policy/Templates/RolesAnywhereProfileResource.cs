namespace EdgeIam.Policy.Templates;

/// <summary>An IAM Roles Anywhere profile (<c>AWS::RolesAnywhere::Profile</c>) and the roles it can hand out.</summary>
internal sealed record RolesAnywhereProfileResource(
    string LogicalId,
    string? Name,
    IReadOnlyList<string> RoleArns,
    IReadOnlyList<string> RoleLogicalIds,
    int? DurationSeconds,
    string JsonPath)
{
    /// <summary>The session policy (JSON text, symbols kept as <c>${...}</c>), or null when the profile has none.</summary>
    public string? SessionPolicy { get; init; }

    /// <summary>Managed policies applied to every session, as ARNs (a value the reader could not resolve stays symbolic).</summary>
    public IReadOnlyList<string> ManagedPolicyArns { get; init; } = [];

    /// <summary>The profile's Metadata <c>edgeiam:justifications</c>, keyed by session-policy Sid or managed policy name (EIAM-PERM-007).</summary>
    public Justifications Justifications { get; init; } = Justifications.None;
}
