using System.Globalization;

namespace EdgeIam.Config.Placement;

/// <summary>
/// Which template of a stack each movable item lives in: 0 is the top-level template, k &gt; 0 the nested stack
/// <c>Shard&lt;k&gt;</c>. Shard numbers are identities, not positions: a shard emptied by removals disappears and the
/// others keep their numbers, so nothing in them moves. Immutable.
/// </summary>
public sealed class TemplatePlacement
{
    public const string TopLevel = "top";
    private const string ShardPrefix = "Shard";

    private readonly IReadOnlyDictionary<string, int> _templateOf;

    internal TemplatePlacement(IReadOnlyDictionary<string, int> templateOf, IReadOnlyDictionary<int, TemplateCost> estimates)
    {
        _templateOf = templateOf;
        Estimates = estimates;
        Shards = [.. templateOf.Values.Where(t => t > 0).Distinct().Order()];
    }

    /// <summary>Everything in the top-level template: what a stack without a lock file and within the quotas gets.</summary>
    public static TemplatePlacement AllInTopLevel { get; } = new(new Dictionary<string, int>(StringComparer.Ordinal), new Dictionary<int, TemplateCost>());

    /// <summary>The shard numbers in use, ascending; empty when the stack is one template.</summary>
    public IReadOnlyList<int> Shards { get; }

    /// <summary>Estimated resources and outputs per template (0 = top level), from <see cref="PlacementItems"/>.</summary>
    public IReadOnlyDictionary<int, TemplateCost> Estimates { get; }

    /// <summary>Item key to template, for every item placed (the lock file's content).</summary>
    public IReadOnlyDictionary<string, int> Assignments => _templateOf;

    /// <summary>The template of <paramref name="itemKey"/>; the top level for an item the placement does not name.</summary>
    public int TemplateOf(string itemKey) => _templateOf.TryGetValue(itemKey, out var template) ? template : 0;

    public static string ShardId(int shard) => string.Create(CultureInfo.InvariantCulture, $"{ShardPrefix}{shard}");

    /// <summary>Parses a lock file's template name (<c>top</c> or <c>Shard&lt;k&gt;</c>, k from 1); null when it is neither.</summary>
    public static int? ParseTemplateName(string name)
    {
        if (name == TopLevel)
        {
            return 0;
        }

        return name.StartsWith(ShardPrefix, StringComparison.Ordinal)
            && name.Length > ShardPrefix.Length && name.Length <= ShardPrefix.Length + 4
            && name[ShardPrefix.Length] != '0'
            && name.AsSpan(ShardPrefix.Length).IndexOfAnyExceptInRange('0', '9') < 0
                ? int.Parse(name.AsSpan(ShardPrefix.Length), CultureInfo.InvariantCulture)
                : null;
    }

    public static string TemplateName(int template) => template == 0 ? TopLevel : ShardId(template);
}
