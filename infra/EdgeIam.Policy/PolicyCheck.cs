using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy;

/// <summary>
/// Runs every rule of <see cref="RuleCatalog"/> over an assembly's stacks. This is the in-process entry point for
/// <c>edgeiam check</c>, for <c>synth</c> (check what it just wrote) and for tests.
/// </summary>
public static class PolicyCheck
{
    /// <summary>Every rule <c>check</c> runs, in catalogue order: ID, title, severity, fix and help URL.</summary>
    public static IReadOnlyList<RuleDescriptor> Rules { get; } = [.. RuleCatalog.All.Select(r => r.Descriptor)];

    /// <summary>
    /// Loads <paramref name="assemblyDir"/> (every EdgeIam-&lt;name&gt;.template.json, or only <paramref name="stacks"/>)
    /// and checks it. Throws <see cref="TemplateException"/> on bad input.
    /// </summary>
    public static CheckReport RunAssembly(string assemblyDir, IReadOnlyCollection<string> stacks) =>
        Run(AssemblyReader.Load(assemblyDir, stacks));

    /// <summary>
    /// Like <see cref="RunAssembly(string, IReadOnlyCollection{string})"/>, but the named stacks' access assertions
    /// are <paramref name="assertions"/> (stack name → the <c>edgeiam:assertions</c> JSON array, e.g. the merge
    /// base's assertions file) instead of those the templates carry, so a change cannot drop an assertion that would
    /// catch it. Throws <see cref="TemplateException"/> for a stack not in the assembly or JSON it cannot read in full.
    /// </summary>
    public static CheckReport RunAssembly(string assemblyDir, IReadOnlyCollection<string> stacks, IReadOnlyDictionary<string, string> assertions)
    {
        ArgumentNullException.ThrowIfNull(assertions);
        var assembly = AssemblyReader.Load(assemblyDir, stacks);
        foreach (var name in assertions.Keys.Where(n => assembly.FindStack(n) is null))
        {
            throw new TemplateException($"assertions for stack '{name}', which is not in {assemblyDir} (stacks: {string.Join(", ", assembly.Stacks.Select(s => s.Name))})");
        }

        return Run(assembly with
        {
            Stacks = [.. assembly.Stacks.Select(s => assertions.TryGetValue(s.Name, out var json) ? s.WithAssertions(Assertions.AssertionReader.ReadArray(json, s.FilePath)) : s)],
        });
    }

    public static CheckReport Run(CloudAssembly assembly) =>
        new(assembly.Stacks.Select(CheckedStack.From).ToList(), assembly.Stacks.SelectMany(CheckStack));

    /// <summary>
    /// Every rule over every branch reading of the stack (<see cref="StackTemplate.ForRules"/>): a finding that only
    /// one branch of a deploy-time <c>Fn::If</c> has is reported once, naming the branch.
    /// </summary>
    public static IEnumerable<Finding> CheckStack(StackTemplate stack)
    {
        var seen = new HashSet<(string, string, string)>();
        foreach (var view in stack.ForRules())
        {
            foreach (var finding in RuleCatalog.All.SelectMany(rule => rule.Check(view)))
            {
                if (!seen.Add((finding.Rule.Id, finding.ResourceLogicalId, finding.JsonPath + "\n" + finding.Message)))
                {
                    continue;
                }

                var branch = view.Roles.FirstOrDefault(r => r.LogicalId == finding.ResourceLogicalId)?.Branch;
                var located = InNestedTemplate(stack, finding);
                yield return branch is null ? located : located with { Message = $"{located.Message} (when {branch})" };
            }
        }
    }

    /// <summary>A finding on a nested stack's resource names the nested template (its JSON path is the same there).</summary>
    private static Finding InNestedTemplate(StackTemplate stack, Finding finding)
    {
        var file = stack.FileOf(finding.ResourceLogicalId);
        var resourcePath = Model.JsonPaths.Property("$.Resources", finding.ResourceLogicalId);
        var inResource = finding.JsonPath.StartsWith(resourcePath, StringComparison.Ordinal)
            && (finding.JsonPath.Length == resourcePath.Length || finding.JsonPath[resourcePath.Length] is '.' or '[');
        return file == finding.TemplateFile || finding.TemplateFile != stack.FilePath || !inResource ? finding : finding with { TemplateFile = file };
    }
}
