namespace EdgeIam.Policy.Access;

/// <summary>The result of <c>diff</c>: every change, widening first within each role.</summary>
public sealed record AccessDiff(IReadOnlyList<AccessChange> Changes)
{
    public bool HasWidening => Changes.Any(c => c.IsWidening);

    public int Count(ChangeKind kind) => Changes.Count(c => c.Kind == kind);

    public string Summary => Changes.Count == 0
        ? "access diff: no changes"
        : $"access diff: {Changes.Count} change(s): {Count(ChangeKind.Added)} added, {Count(ChangeKind.Widened)} widened, "
          + $"{Count(ChangeKind.Narrowed)} narrowed, {Count(ChangeKind.Removed)} removed"
          + (Count(ChangeKind.Replaced) is > 0 and var replaced ? $", {replaced} replaced" : string.Empty);
}
