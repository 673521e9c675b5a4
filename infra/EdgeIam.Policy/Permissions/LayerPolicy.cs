using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Permissions;

/// <summary>
/// One policy of a layer: compiled, or <see cref="Unknown"/> (a managed policy the snapshot lacks, a boundary whose
/// document is not given, a session policy that does not parse) with the reason. An unknown policy is never read as
/// empty or as full: it may allow or deny anything, so no decision that it could change is proved.
/// </summary>
internal sealed class LayerPolicy
{
    private LayerPolicy(PolicyLayer layer, string name, string origin, CompiledPolicy? policy, string? unknown)
    {
        Layer = layer;
        Name = name;
        Origin = origin;
        Policy = policy;
        Unknown = unknown;
        Indeterminate = policy is null ? [] : [.. policy.Statements.Select(HasDeployTimeValue)];
    }

    public PolicyLayer Layer { get; }

    /// <summary>The policy's name: the inline policy name, the managed policy name or ARN, <c>session policy</c>.</summary>
    public string Name { get; }

    /// <summary>Where it comes from, for reports: <c>inline</c>, <c>AWS managed</c>, <c>customer managed (template)</c>, <c>profile edge-device</c>.</summary>
    public string Origin { get; }

    public CompiledPolicy? Policy { get; }

    public string? Unknown { get; }

    /// <summary>What a reader of a decision must know about where a known policy comes from (a boundary document as given in the stack file); null when nothing.</summary>
    public string? Caveat { get; private init; }

    /// <summary>Per statement: its Resource, NotResource or condition values hold a deploy-time value (<c>${Bucket.Arn}</c>), so whether it matches a literal request cannot be known offline.</summary>
    internal IReadOnlyList<bool> Indeterminate { get; }

    public string Label => $"{Origin} {Name}";

    /// <summary>
    /// The managed-policy snapshot this policy was read from, when it is one of its AWS managed policies: the same
    /// instance then serves every role that attaches it, and what it allows depends on the snapshot alone.
    /// </summary>
    internal Reference.ManagedPolicyCatalog? Snapshot { get; private init; }

    public static LayerPolicy FromSnapshot(PolicyLayer layer, string name, CompiledPolicy policy, Reference.ManagedPolicyCatalog snapshot) =>
        new(layer, name, "AWS managed", policy, null) { Snapshot = snapshot };

    public static LayerPolicy Known(PolicyLayer layer, string name, string origin, CompiledPolicy policy, string? caveat = null) =>
        new(layer, name, origin, policy, null) { Caveat = caveat };

    public static LayerPolicy Unknowable(PolicyLayer layer, string name, string origin, string reason) => new(layer, name, origin, null, reason);

    private static bool HasDeployTimeValue(CompiledStatement statement)
    {
        var source = statement.Source;
        var resources = (source.Resource ?? source.NotResource)?.Values ?? [];
        return resources.Any(SymbolicValue.ContainsSymbol) || source.Conditions.Any(c => c.Values.Any(SymbolicValue.ContainsSymbol));
    }
}
