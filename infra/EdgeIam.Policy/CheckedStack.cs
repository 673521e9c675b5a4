using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy;

/// <summary>A stack <c>check</c> looked at.</summary>
public sealed record CheckedStack(string Name, string StackId, string TemplateFile, int RoleCount)
{
    /// <summary>The stack's access assertions (EIAM-ASSERT), in file order.</summary>
    internal IReadOnlyList<Assertions.AccessAssertion> Assertions { get; init; } = [];

    internal static CheckedStack From(StackTemplate stack) => new(stack.Name, stack.StackId, stack.FilePath, stack.Roles.Count) { Assertions = stack.Assertions };
}
