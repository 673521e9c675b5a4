namespace EdgeIam.Policy.Access;

/// <summary>How access changed; <see cref="Added"/> and <see cref="Widened"/> widen it.</summary>
public enum ChangeKind
{
    Added,
    Widened,
    Narrowed,
    Removed,
}
