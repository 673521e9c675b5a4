namespace EdgeIam.Policy.Access;

/// <summary>The result of <c>access</c>: per stack, per role, who can assume it and what it may do.</summary>
public sealed record AccessReport(IReadOnlyList<StackAccess> Stacks);
