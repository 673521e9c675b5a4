namespace EdgeIam.Policy.Templates;

/// <summary>A synthesized cloud assembly (e.g. <c>cdk.out</c>): the EdgeIam stacks in it, sorted by name.</summary>
public sealed record CloudAssembly(string Directory, IReadOnlyList<StackTemplate> Stacks)
{
    /// <summary>By stack name (<c>dev</c>) or stack ID (<c>EdgeIam-dev</c>).</summary>
    public StackTemplate? FindStack(string name) =>
        Stacks.FirstOrDefault(s => s.Name == name) ?? Stacks.FirstOrDefault(s => s.StackId == name);
}
