using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>One check over a stack. Each rule lives in its own file, with compliant and non-compliant tests.</summary>
internal abstract class PolicyRule
{
    public abstract RuleDescriptor Descriptor { get; }

    public abstract IEnumerable<Finding> Check(StackTemplate stack);

    protected Finding For(StackTemplate stack, RoleResource role, string jsonPath, string message) =>
        new(Descriptor, stack.Name, stack.FilePath, role.LogicalId, role.ConfigName, jsonPath, message);

    protected Finding For(StackTemplate stack, string logicalId, string jsonPath, string message) =>
        new(Descriptor, stack.Name, stack.FilePath, logicalId, null, jsonPath, message);
}
