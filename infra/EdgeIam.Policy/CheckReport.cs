using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy;

/// <summary>The result of <c>check</c>: the stacks looked at and every finding in a stable order.</summary>
public sealed class CheckReport
{
    internal CheckReport(IReadOnlyList<CheckedStack> stacks, IEnumerable<Finding> findings)
    {
        Stacks = stacks;
        Findings = findings
            .OrderBy(f => f.Stack, StringComparer.Ordinal)
            .ThenBy(f => f.Subject, StringComparer.Ordinal)
            .ThenBy(f => f.Rule.Id, StringComparer.Ordinal)
            .ThenBy(f => f.JsonPath, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();
    }

    public IReadOnlyList<CheckedStack> Stacks { get; }

    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>Every access assertion of every stack, and whether it held (no EIAM-ASSERT finding names it).</summary>
    internal IReadOnlyList<AssertionResult> Assertions =>
        [.. Stacks.SelectMany(s => s.Assertions.Select(a => new AssertionResult(s.Name, a, !Findings.Any(f => f.Stack == s.Name && f.AssertionId == a.Id))))];

    public int AssertionCount => Stacks.Sum(s => s.Assertions.Count);

    public int FailedAssertionCount => Assertions.Count(a => !a.Held);

    public int ErrorCount => Findings.Count(f => f.Severity == Severity.Error);

    public int WarningCount => Findings.Count(f => f.Severity == Severity.Warning);

    public int NoteCount => Findings.Count(f => f.Severity == Severity.Note);

    public bool HasErrors => ErrorCount > 0;

    /// <summary>One line for <c>synth</c> to print, e.g. <c>policy check: 2 stacks, 9 roles: 0 errors, 1 warning</c>.</summary>
    public string Summary =>
        $"policy check: {Plural(Stacks.Count, "stack")}, {Plural(Stacks.Sum(s => s.RoleCount), "role")}: "
        + $"{Plural(ErrorCount, "error")}, {Plural(WarningCount, "warning")}, {Plural(NoteCount, "note")}"
        + (AssertionCount == 0 ? string.Empty : $"; assertions: {AssertionCount - FailedAssertionCount} held, {FailedAssertionCount} failed");

    /// <summary>One assertion's outcome.</summary>
    internal sealed record AssertionResult(string Stack, Assertions.AccessAssertion Assertion, bool Held);

    private static string Plural(int n, string noun) =>
        $"{n.ToString(System.Globalization.CultureInfo.InvariantCulture)} {noun}{(n == 1 ? string.Empty : "s")}";
}
