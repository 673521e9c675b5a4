namespace EdgeIam.Policy.Access;

/// <summary>Who can assume one role and what it may do.</summary>
public sealed record RoleAccess(
    string LogicalId,
    string? ConfigName,
    int? MaxSessionDurationSeconds,
    string? PermissionsBoundary,
    IReadOnlyList<TrustGrant> AssumedBy,
    IReadOnlyList<PermissionGrant> Permissions,
    IReadOnlyList<string> ManagedPolicies,
    IReadOnlyList<string> RolesAnywhereProfiles)
{
    /// <summary>How roles are matched between two assemblies: config name, else logical ID.</summary>
    public string Key => ConfigName ?? LogicalId;

    public string DisplayName => ConfigName is null ? LogicalId : $"{ConfigName} ({LogicalId})";

    /// <summary>What the role's sessions may do: the role on its own first, then each Roles Anywhere profile's session.</summary>
    internal IReadOnlyList<Permissions.EffectiveAccess> Effective { get; init; } = [];

    /// <summary>File name of the template that declares the role: the stack's, or a nested one (a shard).</summary>
    internal string TemplateFile { get; init; } = string.Empty;

    /// <summary>The EKS Pod Identity associations that hand the role's sessions to a cluster's service account.</summary>
    internal IReadOnlyList<Templates.PodIdentityLink> PodIdentities { get; init; } = [];

    /// <summary>The role's RoleName as written (null: CloudFormation generates one).</summary>
    internal string? RoleName { get; init; }
}
