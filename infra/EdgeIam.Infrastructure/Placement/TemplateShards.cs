using System.Globalization;
using Amazon.CDK;
using Constructs;
using EdgeIam.Config.Placement;

namespace EdgeIam.Infrastructure.Placement;

/// <summary>
/// The nested stacks (<c>Shard&lt;k&gt;</c>) a stack's placement asks for, and the scope each item is built in. An
/// item in a shard is built under the same construct path inside the nested stack as it would have inside the
/// top-level stack, so its logical IDs are the same wherever it lives; references to the top-level resources (the OIDC
/// provider, trust anchors, subnets) and back (role ARNs a profile lists) are wired by the CDK as nested-stack
/// parameters and outputs.
/// </summary>
internal sealed class TemplateShards
{
    private readonly TemplatePlacement _placement;
    private readonly Dictionary<int, NestedStack> _nested = [];
    private readonly Dictionary<(int Shard, string Path), Construct> _mirrors = [];
    private readonly string _stackPath;

    public TemplateShards(EdgeIamStack stack, TemplatePlacement placement)
    {
        _placement = placement;
        _stackPath = stack.Node.Path;

        // Created up front, in number order, so the top-level template lists them the same way on every synth.
        foreach (var shard in placement.Shards)
        {
            _nested[shard] = new NestedStack(stack, TemplatePlacement.ShardId(shard), new NestedStackProps
            {
                Description = string.Create(CultureInfo.InvariantCulture,
                    $"EdgeIam {stack.Config.Name}: roles and fleets of stacks/{stack.Config.Name}.yaml placed in {TemplatePlacement.ShardId(shard)} (see {stack.Config.Name}.lock.json; managed by EdgeIam)."),
            });
        }
    }

    /// <summary>True when <paramref name="itemKey"/> is built in the top-level template.</summary>
    public bool IsTopLevel(string itemKey) => _placement.TemplateOf(itemKey) == 0;

    /// <summary>
    /// Where to build <paramref name="itemKey"/>: <paramref name="topLevelScope"/> itself when the item stays in the
    /// top-level template, else the construct at the same path inside its shard.
    /// </summary>
    public Construct ScopeFor(Construct topLevelScope, string itemKey)
    {
        var shard = _placement.TemplateOf(itemKey);
        if (shard == 0)
        {
            return topLevelScope;
        }

        // The scope's path is asked of node once per scope (ScopeFacts), not once per item.
        var path = Iam.ScopeFacts.Of(topLevelScope).Path;
        if (_mirrors.TryGetValue((shard, path), out var mirror))
        {
            return mirror;
        }

        Construct current = _nested[shard];
        var relative = path.Length > _stackPath.Length ? path[(_stackPath.Length + 1)..] : "";
        foreach (var id in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current.Node.TryFindChild(id) as Construct ?? new Construct(current, id);
        }

        _mirrors[(shard, path)] = current;
        return current;
    }
}
