using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy;

/// <summary>
/// Runs every rule of <see cref="RuleCatalog"/> over an assembly's stacks. This is the in-process entry point for
/// <c>edgeiam check</c>, for <c>synth</c> (check what it just wrote) and for tests.
/// </summary>
public static class PolicyCheck
{
    /// <summary>
    /// Loads <paramref name="assemblyDir"/> (every EdgeIam-&lt;name&gt;.template.json, or only <paramref name="stacks"/>)
    /// and checks it. Throws <see cref="TemplateException"/> on bad input.
    /// </summary>
    public static CheckReport RunAssembly(string assemblyDir, IReadOnlyCollection<string> stacks) =>
        Run(AssemblyReader.Load(assemblyDir, stacks));

    public static CheckReport Run(CloudAssembly assembly) =>
        new(assembly.Stacks.Select(CheckedStack.From).ToList(), assembly.Stacks.SelectMany(CheckStack));

    public static IEnumerable<Finding> CheckStack(StackTemplate stack) => RuleCatalog.All.SelectMany(rule => rule.Check(stack));
}
