namespace EdgeIam.Policy.Access;

/// <summary>The access picture of one stack, roles sorted by logical ID.</summary>
public sealed record StackAccess(string Name, string StackId, IReadOnlyList<RoleAccess> Roles);
