namespace EdgeIam.Policy.Access;

/// <summary>One change of access between two assemblies, for one role and one area (role, trust, permissions).</summary>
public sealed record AccessChange(string Stack, string Role, string Area, ChangeKind Kind, string Summary, IReadOnlyList<string> Details)
{
    public bool IsWidening => Kind is ChangeKind.Added or ChangeKind.Widened;
}
