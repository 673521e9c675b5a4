namespace EdgeIam.Policy.Access;

/// <summary>The access picture of one stack, roles sorted by logical ID.</summary>
public sealed record StackAccess(string Name, string StackId, IReadOnlyList<RoleAccess> Roles)
{
    /// <summary>
    /// Identity Center permission sets, shaped as roles: <see cref="RoleAccess.AssumedBy"/> lists the users and groups
    /// its account assignments give it to, one per account (<c>PrincipalKind</c> <c>identity-center</c>).
    /// </summary>
    public IReadOnlyList<RoleAccess> PermissionSets { get; init; } = [];
}
