using EdgeIam.Policy.Assertions;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules.Assertions;

/// <summary>
/// A rule that checks one kind of the owners' access assertions (EIAM-ASSERT-*). Its findings are located at the
/// assertion's line in the assertions file, name the role and say what decided.
/// </summary>
internal abstract class AssertionRule : PolicyRule
{
    /// <summary>The rule that judges <paramref name="assertion"/>.</summary>
    public static RuleDescriptor For(AccessAssertion assertion) =>
        RuleCatalog.All.OfType<AssertionRule>().First(r => r.Covers(assertion)).Descriptor;

    public abstract bool Covers(AccessAssertion assertion);
}

/// <inheritdoc cref="AssertionRule"/>
internal abstract class AssertionRule<T> : AssertionRule
    where T : AccessAssertion
{
    public override bool Covers(AccessAssertion assertion) => assertion is T typed && Applies(typed);

    public override IEnumerable<Finding> Check(StackTemplate stack) =>
        stack.Assertions.OfType<T>().Where(Applies).SelectMany(a => Failures(stack, a));

    protected virtual bool Applies(T assertion) => true;

    protected abstract IEnumerable<Finding> Failures(StackTemplate stack, T assertion);

    /// <summary>A failure about <paramref name="role"/> (the deciding statement at <paramref name="jsonPath"/>), or about the stack when null.</summary>
    protected Finding Failed(StackTemplate stack, T assertion, RoleResource? role, string jsonPath, string message) =>
        new(Descriptor, stack.Name, stack.FilePath, role?.LogicalId ?? "assertion:" + assertion.Id, role?.ConfigName, jsonPath,
            $"{assertion.Label} failed: {message}{(assertion.Why is { } why ? $" (why it exists: {why})" : string.Empty)}")
        {
            SourceLine = assertion.Source,
            AssertionId = assertion.Id,
        };

    /// <summary>The role's primary reading and each branch reading (deploy-time <c>Fn::If</c>) of it.</summary>
    protected static IEnumerable<RoleResource> Readings(RoleResource role) => [role, .. role.Variants];
}
