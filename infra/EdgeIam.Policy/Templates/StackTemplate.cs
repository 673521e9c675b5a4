namespace EdgeIam.Policy.Templates;

/// <summary>What the policy engine reads from one stack's template: identities, trust and the compute that uses them.</summary>
public sealed class StackTemplate
{
    public required string Name { get; init; }

    /// <summary>The CloudFormation stack / artifact ID, e.g. <c>EdgeIam-dev</c>.</summary>
    public required string StackId { get; init; }

    public required string FilePath { get; init; }

    public required StackEnvironment Environment { get; init; }

    /// <summary>Every role, sorted by logical ID.</summary>
    public required IReadOnlyList<RoleResource> Roles { get; init; }

    public required IReadOnlyList<OidcProviderResource> OidcProviders { get; init; }

    public required IReadOnlyList<TrustAnchorResource> TrustAnchors { get; init; }

    public required IReadOnlyList<RolesAnywhereProfileResource> RolesAnywhereProfiles { get; init; }

    public required IReadOnlyList<LaunchTemplateResource> LaunchTemplates { get; init; }

    public required IReadOnlyList<InstanceResource> Instances { get; init; }

    /// <summary>IAM users and access keys: long-lived credentials this project never wants.</summary>
    public required IReadOnlyList<TemplateResource> LongLivedCredentials { get; init; }

    /// <summary>Logical ID to resource type, for every resource.</summary>
    public required IReadOnlyDictionary<string, string> ResourceTypes { get; init; }

    /// <summary>
    /// Finds a role by its config name (tag/Metadata <c>edgeiam:role</c>), its logical ID or its RoleName; exact
    /// matches first, then a unique case-insensitive config name.
    /// </summary>
    public RoleResource? FindRole(string nameOrLogicalId) =>
        Roles.FirstOrDefault(r => r.ConfigName == nameOrLogicalId)
        ?? Roles.FirstOrDefault(r => r.LogicalId == nameOrLogicalId)
        ?? Roles.FirstOrDefault(r => r.RoleName == nameOrLogicalId)
        ?? UniqueIgnoringCase(nameOrLogicalId);

    public RoleResource? FindRoleByLogicalId(string logicalId) => Roles.FirstOrDefault(r => r.LogicalId == logicalId);

    public string? TypeOf(string logicalId) => ResourceTypes.TryGetValue(logicalId, out var type) ? type : null;

    private RoleResource? UniqueIgnoringCase(string name)
    {
        var matches = Roles.Where(r => string.Equals(r.ConfigName, name, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}
