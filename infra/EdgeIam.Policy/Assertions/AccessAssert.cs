using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
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

    /// <summary>
    /// A request of <paramref name="role"/>'s session must be allowed by its permission policies, and proved so: the
    /// identity policies, the permissions boundary and, with <paramref name="session"/> <c>profile:NAME</c>, the Roles
    /// Anywhere profile's session policies, as <see cref="Access.AccessAnalyzer.CanDo"/> decides it. One action, no
    /// pattern; <paramref name="resource"/> an ARN or <c>*</c>.
    /// </summary>
    public static CanDoReport CanDo(StackTemplate stack, string role, string action, string resource, RequestContext? context = null, string? session = null)
    {
        var outcome = EvaluatePermission(stack, role, action, resource, context, session, mustAllow: true);
        return outcome.Problem is null && outcome.Failures.Count == 0
            ? outcome.Reports[0]
            : throw new AccessAssertionException($"expected {role} in {stack.StackId} to be allowed {action} on {resource}, but {Why(outcome)}", outcome.Failures.FirstOrDefault()?.Report);
    }

    /// <summary>
    /// The request must be impossible for <paramref name="role"/>'s session, and proved so, with the same fail-closed
    /// meaning as <c>cannotDo</c>: <paramref name="action"/> may be a pattern (every action it matches is checked),
    /// <paramref name="resource"/> <c>*</c> means any resource, and an Allow that would apply with a condition key
    /// <paramref name="context"/> lacks, an unknown policy or a deploy-time value breaks the expectation. Returns one
    /// decision per action.
    /// </summary>
    public static IReadOnlyList<CanDoReport> CannotDo(StackTemplate stack, string role, string action, string resource, RequestContext? context = null, string? session = null)
    {
        var outcome = EvaluatePermission(stack, role, action, resource, context, session, mustAllow: false);
        if (outcome.Problem is null && outcome.Failures.Count == 0)
        {
            return outcome.Reports;
        }

        throw new AccessAssertionException($"expected {role} in {stack.StackId} not to be able to do {action} on {resource}, but {Why(outcome)}", outcome.Failures.FirstOrDefault()?.Report);
    }

    private static PermissionAssertionCheck.Outcome EvaluatePermission(
        StackTemplate stack, string role, string action, string resource, RequestContext? context, string? session, bool mustAllow)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(resource);
        var keys = (context ?? RequestContext.Empty).Values.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p.Key, p.Value)).ToList();
        var assertion = new PermissionAssertion(mustAllow ? "can-do" : "cannot-do", null, new StackFileLine("(C#)", 1, 1), JsonPaths.Root, mustAllow, role, null, session, action, resource, keys);
        return PermissionAssertionCheck.Evaluate(stack, assertion, reports: true);
    }

    private static string Why(PermissionAssertionCheck.Outcome outcome) =>
        outcome.Problem ?? string.Join(" ", outcome.Failures.Select(f => f.Message));

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

/// <summary>An access expectation of <see cref="AccessAssert"/> did not hold; <see cref="Report"/> (trust) or <see cref="PermissionReport"/> (permissions) says why.</summary>
public sealed class AccessAssertionException : Exception
{
    public AccessAssertionException(string message, CanAssumeReport? report)
        : base(message) => Report = report;

    internal AccessAssertionException(string message, CanDoReport? permissionReport)
        : base(message) => PermissionReport = permissionReport;

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

    /// <summary>For <see cref="AccessAssert.CanDo"/>/<see cref="AccessAssert.CannotDo"/>: the permission decision that broke the expectation; null when there is none (an unknown role, action or session).</summary>
    public CanDoReport? PermissionReport { get; }
}
