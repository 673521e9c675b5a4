using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Templates;

/// <summary>An <c>AWS::IAM::Role</c> with its trust policy and every permission policy attached in the template.</summary>
public sealed class RoleResource
{
    /// <summary>Tag key and Metadata key that carry the role's name in the stack file.</summary>
    public const string ConfigNameKey = "edgeiam:role";

    private readonly Lazy<CompiledPolicy> _trust;

    public RoleResource(
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
        _trust = new Lazy<CompiledPolicy>(() => CompiledPolicy.Compile(TrustPolicy, "trust"));
    }

    public string LogicalId { get; }

    /// <summary>The role's name in the stack file (tag or Metadata <c>edgeiam:role</c>), when the template says.</summary>
    public string? ConfigName { get; }

    public string? RoleName { get; }

    public PolicyDocument TrustPolicy { get; }

    /// <summary>Characters of the trust policy without whitespace, as IAM counts against its quota.</summary>
    public int TrustPolicySize { get; }

    public IReadOnlyList<PermissionPolicy> PermissionPolicies { get; }

    /// <summary>Managed policies by ARN (AWS managed or elsewhere), not counting this template's own managed policies.</summary>
    public IReadOnlyList<string> ManagedPolicyArns { get; }

    public int? MaxSessionDurationSeconds { get; }

    public string? PermissionsBoundary { get; }

    public Justifications Justifications { get; }

    public string JsonPath { get; }

    /// <summary>Config name with logical ID, e.g. <c>GitHubDeploy (GitHubDeployRole1A2B3C)</c>.</summary>
    public string DisplayName => ConfigName is null ? LogicalId : $"{ConfigName} ({LogicalId})";

    public CompiledPolicy CompiledTrust => _trust.Value;

    /// <summary>Decides the role (trust) side of an assume-role request.</summary>
    public TrustDecision EvaluateTrust(AccessRequest request, string? roleAccount = null) =>
        TrustEvaluator.Evaluate(CompiledTrust, request, roleAccount);
}
