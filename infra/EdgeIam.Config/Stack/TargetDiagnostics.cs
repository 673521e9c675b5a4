using System.Globalization;
using EdgeIam.Config.Diagnostics;

namespace EdgeIam.Config.Stack;

/// <summary>
/// Joins the diagnostics of a stack file's targets: one that several targets share (the same file, position, key
/// path, message and fix, as an error in a base value gives every target) is reported once, saying which targets
/// (or that it is every target); one only some targets have names them. Order: as first found.
/// </summary>
internal static class TargetDiagnostics
{
    /// <summary>More targets than this are counted, not listed, in a shared diagnostic.</summary>
    private const int ListedTargets = 6;

    public static void Combine(IReadOnlyList<(string Label, IReadOnlyList<ConfigDiagnostic> Diagnostics)> targets, ConfigDiagnostics into)
    {
        var order = new List<ConfigDiagnostic>();
        var labels = new Dictionary<ConfigDiagnostic, List<string>>();
        foreach (var (label, diagnostics) in targets)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (!labels.TryGetValue(diagnostic, out var list))
                {
                    labels[diagnostic] = list = [];
                    order.Add(diagnostic);
                }

                if (!list.Contains(label, StringComparer.Ordinal))
                {
                    list.Add(label);
                }
            }
        }

        foreach (var diagnostic in order)
        {
            into.Add(diagnostic with { Message = diagnostic.Message + " " + Which(labels[diagnostic], targets.Count) });
        }
    }

    private static string Which(List<string> labels, int total)
    {
        if (labels.Count == total && total > 1)
        {
            return total > ListedTargets
                ? string.Create(CultureInfo.InvariantCulture, $"(in all {total} targets)")
                : $"(in every target: {string.Join(", ", labels)})";
        }

        var listed = labels.Count > ListedTargets
            ? string.Join(", ", labels.Take(ListedTargets)) + string.Create(CultureInfo.InvariantCulture, $" and {labels.Count - ListedTargets} more")
            : string.Join(", ", labels);
        return labels.Count == 1 ? $"(target {listed})" : $"(targets {listed})";
    }
}
