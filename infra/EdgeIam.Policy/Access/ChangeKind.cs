namespace EdgeIam.Policy.Access;

/// <summary>
/// How access changed; <see cref="Added"/> and <see cref="Widened"/> widen it. <see cref="Replaced"/> widens nothing but
/// means CloudFormation deletes the resource and creates it again (live sessions of a role end).
/// </summary>
public enum ChangeKind
{
    Added,
    Widened,
    Narrowed,
    Removed,
    Replaced,
}
