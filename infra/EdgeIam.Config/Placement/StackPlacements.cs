using EdgeIam.Config.Diagnostics;
using EdgeIam.Config.Stack;

namespace EdgeIam.Config.Placement;

/// <summary>The lock file synth writes once the assembly is written, when its bytes change.</summary>
public sealed record LockFileWrite(string Path, byte[] Bytes);

/// <summary>What planning produced: a placement per CloudFormation stack, the lock files to write, and every problem.</summary>
public sealed record PlacementPlan(
    IReadOnlyDictionary<string, TemplatePlacement> Placements,
    IReadOnlyList<LockFileWrite> LockWrites,
    IReadOnlyList<ConfigDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Places every loaded stack (<see cref="TemplatePlanner"/>) against its stack file's lock file, before synth starts,
/// so a bad lock or a template over a quota is reported with the config errors and nothing is written.
/// </summary>
public static class StackPlacements
{
    /// <param name="frozen">
    /// <c>--locked</c>: a lock file that is missing or would change is an error (CI, where a placement nobody committed
    /// would be lost), instead of being written.
    /// </param>
    public static PlacementPlan Plan(IReadOnlyList<StackConfig> stacks, bool frozen)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        var diagnostics = new ConfigDiagnostics();
        var placements = new Dictionary<string, TemplatePlacement>(StringComparer.Ordinal);
        var writes = new List<LockFileWrite>();
        foreach (var file in stacks.GroupBy(s => s.SourceFile, StringComparer.Ordinal))
        {
            var lockFile = PlacementLock.PathFor(file.Key);
            var before = diagnostics.Items.Count;
            var recorded = PlacementLock.Read(lockFile, diagnostics, out var current);
            if (diagnostics.Items.Count > before)
            {
                continue; // this lock is refused; the other files' locks are still read, so every error comes out at once
            }

            var planned = new Dictionary<string, TemplatePlacement>(StringComparer.Ordinal);
            foreach (var stack in file)
            {
                var locked = recorded?.GetValueOrDefault(stack.CloudFormationStackName);
                var (placement, errors) = TemplatePlanner.Plan(stack, locked, lockFile);
                diagnostics.AddRange(errors);
                placements[stack.CloudFormationStackName] = placement;
                if (placement.Assignments.Count > 0)
                {
                    planned[stack.CloudFormationStackName] = placement;
                }
            }

            if (planned.Count == 0)
            {
                continue;
            }

            var bytes = PlacementLock.Render(planned);
            if (current is not null && current.AsSpan().SequenceEqual(bytes))
            {
                continue;
            }

            if (frozen)
            {
                diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, lockFile, 0, 0, "",
                    current is null
                        ? $"is missing: --locked needs the placement of {Path.GetFileName(file.Key)} committed."
                        : $"is out of date with {Path.GetFileName(file.Key)} (a role or fleet was added or removed) and --locked forbids changing it.",
                    "run `edgeiam synth` without --locked where you changed the stack file and commit the lock file with it."));
                continue;
            }

            writes.Add(new LockFileWrite(lockFile, bytes));
        }

        QuotaCheck.CheckStacksWithShards(stacks, s => placements.TryGetValue(s.CloudFormationStackName, out var p) ? p.Shards : [], diagnostics);
        return new PlacementPlan(placements, writes, diagnostics.Items);
    }
}
