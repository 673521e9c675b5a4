using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Assertions;

/// <summary>
/// Access assertions for users who prefer C# tests (xunit, NUnit, MSTest) to an assertions file: the same evaluator
/// and the same fail-closed meaning as <c>canAssume</c>/<c>cannotAssume</c>. Each returns the decision report when
/// the expectation holds and throws <see cref="AccessAssertionException"/> (naming the role, the deciding statement
/// and the conditions that decided) when it does not. Example: tests/EdgeIam.Infrastructure.Tests/Access/AccessAssertExampleTests.cs.
/// </summary>
public static class AccessAssert
{
    /// <summary>The request must be allowed by <paramref name="role"/>'s trust policy, and proved so.</summary>
    public static CanAssumeReport CanAssume(StackTemplate stack, string role, AccessRequest request)
    {
        var report = Evaluate(stack, role, request);
        return report.Allowed ? report : throw new AccessAssertionException($"expected {report.RoleDisplayName} in {stack.StackId} to allow this request, but {AssumeAssertionCheck.Explain(report)}", report);
    }

    /// <summary>The request must be refused, and proved so: an answer that depends on deploy-time values fails.</summary>
    public static CanAssumeReport CannotAssume(StackTemplate stack, string role, AccessRequest request)
    {
        var report = Evaluate(stack, role, request);
        return report.Proved && !report.Allowed ? report : throw new AccessAssertionException($"expected {report.RoleDisplayName} in {stack.StackId} to refuse this request, but {AssumeAssertionCheck.Explain(report)}", report);
    }

    private static CanAssumeReport Evaluate(StackTemplate stack, string role, AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(request);
        var target = stack.FindRole(role)
            ?? throw new AccessAssertionException($"{stack.StackId} has no role '{role}' (roles: {string.Join(", ", stack.Roles.Select(r => r.DisplayName))})");
        return CanAssumeReport.From(stack, target, request, target.EvaluateTrust(request, stack.Environment.Account));
    }
}

/// <summary>An access expectation of <see cref="AccessAssert"/> did not hold; <see cref="Report"/> says why.</summary>
public sealed class AccessAssertionException : Exception
{
    public AccessAssertionException(string message, CanAssumeReport? report)
        : base(message) => Report = report;

    public AccessAssertionException()
    {
    }

    public AccessAssertionException(string message)
        : base(message)
    {
    }

    public AccessAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The decision that broke the expectation; null when the role does not exist.</summary>
    public CanAssumeReport? Report { get; }
}
