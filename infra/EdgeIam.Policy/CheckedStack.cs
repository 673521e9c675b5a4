using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy;

/// <summary>A stack <c>check</c> looked at.</summary>
public sealed record CheckedStack(string Name, string StackId, string TemplateFile, int RoleCount)
{
    internal static CheckedStack From(StackTemplate stack) => new(stack.Name, stack.StackId, stack.FilePath, stack.Roles.Count);
}
