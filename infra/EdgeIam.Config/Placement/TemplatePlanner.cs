using System.Globalization;
using EdgeIam.Config.Diagnostics;
using EdgeIam.Config.Stack;

namespace EdgeIam.Config.Placement;

/// <summary>
/// Places a stack's movable items (<see cref="PlacementItems"/>) into its top-level template and nested shards so no
/// template crosses CloudFormation's resource and output quotas, without ever moving an item the lock file already
/// places: an IAM role that changes template is deleted and re-created by CloudFormation, which ends its live sessions.
/// </summary>
public static class TemplatePlanner
{
    /// <summary>
    /// The placement of <paramref name="stack"/> given what its lock file records (null: no lock yet). Items the lock
    /// names stay where they are; new items go, in stack-file order, to the first template (top level first, then
    /// shards by number) that stays within <see cref="TemplateCost.FillTarget"/>, else to a new shard. Without a lock,
    /// a stack that fits one template stays one template, exactly as before sharding existed. Errors: a template over
    /// a quota (it can only happen when locked items grew), an item too large for any template.
    /// </summary>
    public static (TemplatePlacement Placement, IReadOnlyList<ConfigDiagnostic> Errors) Plan(
        StackConfig stack, IReadOnlyDictionary<string, int>? locked, string lockFile)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var items = PlacementItems.Of(stack);
        var fixedCost = PlacementItems.Fixed(stack);
        var errors = new List<ConfigDiagnostic>();

        var allInTopLevel = items.Aggregate(fixedCost, (sum, item) => sum + item.InParent);
        if (locked is null && allInTopLevel.FitsWithin(TemplateCost.Limit))
        {
            return (new TemplatePlacement(items.ToDictionary(i => i.Key, _ => 0, StringComparer.Ordinal),
                new Dictionary<int, TemplateCost> { [0] = allInTopLevel }), errors);
        }

        var assignment = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (locked is not null && locked.TryGetValue(item.Key, out var template))
            {
                assignment[item.Key] = template;
            }
        }

        var load = new SortedDictionary<int, TemplateCost> { [0] = fixedCost };
        foreach (var item in items.Where(i => assignment.ContainsKey(i.Key)))
        {
            var template = assignment[item.Key];
            load[template] = load.GetValueOrDefault(template) + item.CostIn(template);
        }

        // Each nested stack is one AWS::CloudFormation::Stack resource of the top-level template.
        load[0] += new TemplateCost(load.Count - 1, 0);

        foreach (var item in items.Where(i => !assignment.ContainsKey(i.Key)))
        {
            var target = load.Keys.FirstOrDefault(t => (load[t] + item.CostIn(t)).FitsWithin(TemplateCost.FillTarget), -1);
            if (target < 0)
            {
                target = load.Keys.Max() + 1;
                load[target] = new TemplateCost(0, 0);
                load[0] += new TemplateCost(1, 0);
            }

            assignment[item.Key] = target;
            load[target] += item.CostIn(target);
        }

        foreach (var (template, cost) in load.Where(l => !l.Value.FitsWithin(TemplateCost.Limit)))
        {
            var members = items.Where(i => assignment[i.Key] == template).ToList();
            var last = members.Count > 0 ? members[^1] : null;
            var where = last is not null && stack.PositionOf(last.KeyPath) is { } at ? at : null;
            errors.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, stack.SourceFile, where?.Line ?? 0, where?.Column ?? 0, last?.KeyPath ?? "",
                string.Create(CultureInfo.InvariantCulture,
                    $"template {TemplatePlacement.TemplateName(template)} of stack {stack.CloudFormationStackName} would hold {cost}, over CloudFormation's {TemplateCost.ResourceLimit} resources or {TemplateCost.OutputLimit} outputs per template (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html)."),
                members.Count == 0
                    ? "split the stack file: its shared resources (network, providers, anchors, profiles) alone do not fit one template."
                    : $"move an item out of it: delete \"{members[^1].Key}\" from {TemplatePlacement.TemplateName(template)} in {lockFile}, and synth places it in a template with room (CloudFormation then replaces it: its live sessions end), or make the items there smaller."));
        }

        return (new TemplatePlacement(assignment, load.ToDictionary(l => l.Key, l => l.Value)), errors);
    }
}
