namespace EdgeIam.Policy.Access;

/// <summary>One change of access between two assemblies, for one role and one area (role, trust, permissions).</summary>
public sealed record AccessChange(string Stack, string Role, string Area, ChangeKind Kind, string Summary, IReadOnlyList<string> Details)
{
    public bool IsWidening => Kind is ChangeKind.Added or ChangeKind.Widened;

    /// <summary>For a role's change: its name in the stack file (null when the template does not say).</summary>
    public string? ConfigName { get; init; }

    /// <summary>For a role's change: its logical ID; null for other resources (profiles, launch templates, ...).</summary>
    public string? LogicalId { get; init; }
}
