using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Templates;

/// <summary>An <c>AWS::IAM::Role</c> with its trust policy and every permission policy attached in the template.</summary>
public sealed class RoleResource
{
    /// <summary>Tag key and Metadata key that carry the role's name in the stack file.</summary>
    internal const string ConfigNameKey = EdgeIamMetadata.Role;

    private readonly Lazy<CompiledPolicy> _trust;

    internal RoleResource(
        string logicalId,
        string? configName,
        string? roleName,
        PolicyDocument trustPolicy,
        int trustPolicySize,
        IReadOnlyList<PermissionPolicy> permissionPolicies,
        IReadOnlyList<string> managedPolicyArns,
        int? maxSessionDurationSeconds,
        string? permissionsBoundary,
        Justifications justifications,
        string jsonPath)
    {
        LogicalId = logicalId;
        ConfigName = configName;
        RoleName = roleName;
        TrustPolicy = trustPolicy;
        TrustPolicySize = trustPolicySize;
        PermissionPolicies = permissionPolicies;
        ManagedPolicyArns = managedPolicyArns;
        MaxSessionDurationSeconds = maxSessionDurationSeconds;
        PermissionsBoundary = permissionsBoundary;
        Justifications = justifications;
        JsonPath = jsonPath;
        _trust = new Lazy<CompiledPolicy>(() => CompiledPolicy.CompileTrust(TrustPolicy));
    }

    public string LogicalId { get; }

    /// <summary>The role's name in the stack file (tag or Metadata <c>edgeiam:role</c>), when the template says.</summary>
    public string? ConfigName { get; }

    public string? RoleName { get; }

    public PolicyDocument TrustPolicy { get; }

    /// <summary>Characters of the trust policy without whitespace, as IAM counts against its quota.</summary>
    public int TrustPolicySize { get; }

    internal IReadOnlyList<PermissionPolicy> PermissionPolicies { get; }

    /// <summary>Managed policies by ARN (AWS managed or elsewhere), not counting this template's own managed policies.</summary>
    public IReadOnlyList<string> ManagedPolicyArns { get; }

    public int? MaxSessionDurationSeconds { get; }

    public string? PermissionsBoundary { get; }

    internal Justifications Justifications { get; }

    public string JsonPath { get; }

    /// <summary>Config name with logical ID, e.g. <c>GitHubDeploy (GitHubDeployRole1A2B3C)</c>.</summary>
    public string DisplayName => ConfigName is null ? LogicalId : $"{ConfigName} ({LogicalId})";

    internal CompiledPolicy CompiledTrust => _trust.Value;

    /// <summary>
    /// The resource type: <c>AWS::IAM::Role</c>, or for the rules' view of identity policies elsewhere
    /// <c>AWS::IAM::User</c>, <c>AWS::IAM::Group</c>, or a standalone policy type (trust policy empty).
    /// </summary>
    public string ResourceType { get; init; } = "AWS::IAM::Role";

    /// <summary>
    /// The deploy-time <c>Fn::If</c> condition values this reading assumed, e.g. <c>IsProd=false</c>; null when the
    /// template fixes every condition the role uses.
    /// </summary>
    internal string? Branch { get; init; }

    /// <summary>The role read under every other combination of its open conditions (see <see cref="Branch"/>).</summary>
    internal IReadOnlyList<RoleResource> Variants { get; init; } = [];

    /// <summary>Open conditions beyond what the reader enumerates; their other branches were not read.</summary>
    internal IReadOnlyList<string> UnreadConditions { get; init; } = [];

    /// <summary>
    /// Symbols in this role's policies whose value the template does not fix: unknown intrinsics (<c>${Fn::Foo(...)}</c>),
    /// references to nothing, parameters. An evaluation that depends on one is "cannot be proved".
    /// </summary>
    internal IReadOnlySet<string> UnresolvedSymbols { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Decides the role (trust) side of an assume-role request, under every branch of its deploy-time conditions: when
    /// the branches disagree, or an unresolved value could change the answer, the decision is not proved.
    /// </summary>
    public TrustDecision EvaluateTrust(AccessRequest request, string? roleAccount = null)
    {
        var primary = TrustEvaluator.Evaluate(CompiledTrust, request, roleAccount, IsUnresolved);
        if (Variants.Count == 0 && UnreadConditions.Count == 0)
        {
            return primary;
        }

        var others = Variants.Select(v => (v.Branch, Decision: TrustEvaluator.Evaluate(v.CompiledTrust, request, roleAccount, v.IsUnresolved))).ToList();
        var dependsOn = primary.DependsOn.Concat(others.SelectMany(o => o.Decision.DependsOn)).ToList();
        var disagree = others.Where(o => o.Decision.IsAllowed != primary.IsAllowed).ToList();
        if (disagree.Count == 0 && dependsOn.Count == 0 && UnreadConditions.Count == 0)
        {
            return primary;
        }

        var notes = new List<string>();
        if (disagree.Count > 0)
        {
            var allowedWhen = new[] { (Branch, Decision: primary) }.Concat(others).Where(o => o.Decision.IsAllowed).Select(o => o.Branch);
            var deniedWhen = new[] { (Branch, Decision: primary) }.Concat(others).Where(o => !o.Decision.IsAllowed).Select(o => o.Branch);
            var condition = $"the deploy-time Fn::If condition(s) ({string.Join("; ", allowedWhen)} -> allowed; {string.Join("; ", deniedWhen)} -> not allowed)";
            dependsOn.Add(condition);
            notes.Add($"cannot be proved: the answer depends on {condition}.");
        }

        if (UnreadConditions.Count > 0)
        {
            dependsOn.Add($"conditions not enumerated: {string.Join(", ", UnreadConditions)}");
            notes.Add($"cannot be proved: the role uses more deploy-time conditions than are enumerated ({string.Join(", ", UnreadConditions)}).");
        }

        return primary with { Notes = [.. notes, .. primary.Notes], DependsOn = dependsOn.Distinct(StringComparer.Ordinal).ToList() };
    }

    private bool IsUnresolved(string value) => UnresolvedSymbols.Count > 0 && UnresolvedSymbols.Any(s => value.Contains(s, StringComparison.Ordinal));
}
