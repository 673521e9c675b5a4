namespace EdgeIam.Policy.Templates;

/// <summary>What the policy engine reads from one stack's template: identities, trust and the compute that uses them.</summary>
public sealed class StackTemplate
{
    // Built only by the template reader: a stack the engine did not read could not be checked.
    internal StackTemplate()
    {
    }

    public required string Name { get; init; }

    /// <summary>The CloudFormation stack / artifact ID, e.g. <c>EdgeIam-dev</c>.</summary>
    public required string StackId { get; init; }

    public required string FilePath { get; init; }

    public required StackEnvironment Environment { get; init; }

    /// <summary>Every role, sorted by logical ID.</summary>
    public required IReadOnlyList<RoleResource> Roles { get; init; }

    internal IReadOnlyList<OidcProviderResource> OidcProviders { get; init; } = [];

    public required IReadOnlyList<TrustAnchorResource> TrustAnchors { get; init; }

    internal IReadOnlyList<RolesAnywhereProfileResource> RolesAnywhereProfiles { get; init; } = [];

    internal IReadOnlyList<LaunchTemplateResource> LaunchTemplates { get; init; } = [];

    internal IReadOnlyList<InstanceResource> Instances { get; init; } = [];

    /// <summary>IAM users and access keys: long-lived credentials this project never wants.</summary>
    internal IReadOnlyList<TemplateResource> LongLivedCredentials { get; init; } = [];

    /// <summary>
    /// Users, groups and standalone policies not attached to a role of the template, as role-shaped holders of
    /// identity policies (empty trust policy) so the permission rules see them; never part of <see cref="Roles"/>.
    /// </summary>
    public IReadOnlyList<RoleResource> OtherPolicyHolders { get; init; } = [];

    /// <summary>Names of the template's Parameters: values chosen at deploy time, never proved.</summary>
    public IReadOnlySet<string> Parameters { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The owners' access assertions (Metadata <c>edgeiam:assertions</c>), in file order.</summary>
    internal IReadOnlyList<Assertions.AccessAssertion> Assertions { get; init; } = [];

    /// <summary>
    /// This template's <c>AWS::IAM::ManagedPolicy</c> documents by logical ID, one per reading of the deploy-time
    /// conditions its <c>Fn::If</c>s use (usually one), so a role's boundary that references one can be evaluated.
    /// </summary>
    internal IReadOnlyDictionary<string, IReadOnlyList<PermissionPolicy>> ManagedPolicies { get; init; } = new Dictionary<string, IReadOnlyList<PermissionPolicy>>(StringComparer.Ordinal);

    /// <summary>The boundary document the stack file gives (Metadata <c>edgeiam:permissionsBoundary</c>); null without one.</summary>
    internal StackFileBoundary? StackFileBoundary { get; init; }

    /// <summary>
    /// Logical ID to the template file that declares the resource, for a stack split into nested stacks (empty for
    /// one file): a finding on a nested resource points at the nested template.
    /// </summary>
    internal IReadOnlyDictionary<string, string> ResourceFiles { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Every template file of the stack with its own resource count (the stack's file first); one entry when not nested.</summary>
    internal IReadOnlyList<KeyValuePair<string, int>> TemplateFiles { get; init; } = [];

    /// <summary>Identity Center account assignments, by logical ID (permission sets are among <see cref="OtherPolicyHolders"/>).</summary>
    internal IReadOnlyList<PermissionSetAssignment> PermissionSetAssignments { get; init; } = [];

    /// <summary>EKS Pod Identity associations, by logical ID: which service accounts get which role.</summary>
    internal IReadOnlyList<PodIdentityLink> PodIdentityLinks { get; init; } = [];

    /// <summary>
    /// The stack's template as the reader read it, nested templates merged in (UTF-8 JSON): the diff reads other
    /// resources from these bytes, not from the files again, so both see the same input. Empty when not read from one.
    /// </summary>
    internal ReadOnlyMemory<byte> MergedJson { get; init; }

    /// <summary>The template file a resource is written in: its nested template, else <see cref="FilePath"/>.</summary>
    internal string FileOf(string logicalId) => ResourceFiles.TryGetValue(logicalId, out var file) ? file : FilePath;

    /// <summary>Logical ID to resource type, for every resource.</summary>
    public required IReadOnlyDictionary<string, string> ResourceTypes { get; init; }

    /// <summary>
    /// Finds a role by its config name (tag/Metadata <c>edgeiam:role</c>), its logical ID or its RoleName; exact
    /// matches first, then a unique case-insensitive config name.
    /// </summary>
    public RoleResource? FindRole(string nameOrLogicalId) =>
        Roles.FirstOrDefault(r => r.ConfigName == nameOrLogicalId)
        ?? Roles.FirstOrDefault(r => r.LogicalId == nameOrLogicalId)
        ?? Roles.FirstOrDefault(r => r.RoleName == nameOrLogicalId)
        ?? UniqueIgnoringCase(nameOrLogicalId);

    public RoleResource? FindRoleByLogicalId(string logicalId) => Roles.FirstOrDefault(r => r.LogicalId == logicalId);

    public string? TypeOf(string logicalId) => ResourceTypes.TryGetValue(logicalId, out var type) ? type : null;

    /// <summary>This stack with <paramref name="assertions"/> instead of its own.</summary>
    internal StackTemplate WithAssertions(IReadOnlyList<Assertions.AccessAssertion> assertions) => Copy(Roles, OtherPolicyHolders, assertions);

    /// <summary>
    /// The stack as the rules see it, once per branch reading: view 0 holds every role's and policy holder's primary
    /// reading, view k their k-th other branch (or the primary when they have fewer). Users, groups and unattached
    /// policies appear as role-shaped holders so the permission rules see them.
    /// </summary>
    internal IEnumerable<StackTemplate> ForRules()
    {
        var all = Roles.Concat(OtherPolicyHolders).ToList();
        var views = 1 + all.Select(r => r.Variants.Count).DefaultIfEmpty(0).Max();
        for (var k = 0; k < views; k++)
        {
            var index = k;

            // Assertions judge the whole stack once: a role's own evaluation already covers its branches.
            yield return Copy([.. all.Select(r => index == 0 || r.Variants.Count < index ? r : r.Variants[index - 1])], [], index == 0 ? Assertions : []);
        }
    }

    /// <summary>This stack with the nested template files it was merged from.</summary>
    internal StackTemplate WithTemplateFiles(IReadOnlyDictionary<string, string> resourceFiles, IReadOnlyList<KeyValuePair<string, int>> templateFiles) =>
        Copy(Roles, OtherPolicyHolders, Assertions, resourceFiles, templateFiles);

    /// <summary>This stack with the merged template bytes it was read from.</summary>
    internal StackTemplate WithMergedJson(ReadOnlyMemory<byte> mergedJson) => Copy(Roles, OtherPolicyHolders, Assertions, mergedJson: mergedJson);

    private StackTemplate Copy(IReadOnlyList<RoleResource> roles, IReadOnlyList<RoleResource> otherPolicyHolders, IReadOnlyList<Assertions.AccessAssertion> assertions,
        IReadOnlyDictionary<string, string>? resourceFiles = null, IReadOnlyList<KeyValuePair<string, int>>? templateFiles = null, ReadOnlyMemory<byte>? mergedJson = null) => new()
    {
        Name = Name,
        StackId = StackId,
        FilePath = FilePath,
        Environment = Environment,
        Roles = roles,
        OtherPolicyHolders = otherPolicyHolders,
        OidcProviders = OidcProviders,
        TrustAnchors = TrustAnchors,
        RolesAnywhereProfiles = RolesAnywhereProfiles,
        LaunchTemplates = LaunchTemplates,
        Instances = Instances,
        LongLivedCredentials = LongLivedCredentials,
        ResourceTypes = ResourceTypes,
        Parameters = Parameters,
        Assertions = assertions,
        ManagedPolicies = ManagedPolicies,
        StackFileBoundary = StackFileBoundary,
        ResourceFiles = resourceFiles ?? ResourceFiles,
        TemplateFiles = templateFiles ?? TemplateFiles,
        MergedJson = mergedJson ?? MergedJson,
        PermissionSetAssignments = PermissionSetAssignments,
        PodIdentityLinks = PodIdentityLinks,
    };

    /// <summary>
    /// True when a symbol (<see cref="SymbolicValue"/>) has no value the template fixes: an intrinsic the reader does
    /// not evaluate, a reference to nothing, or a parameter. Pseudo parameters and this template's resources keep an
    /// identity and are not unresolved.
    /// </summary>
    internal bool IsUnresolvedSymbol(string symbol) => SymbolicValue.Classify(symbol, ResourceTypes.ContainsKey, Parameters.Contains) != SymbolKind.Resolved;

    private RoleResource? UniqueIgnoringCase(string name)
    {
        var matches = Roles.Where(r => string.Equals(r.ConfigName, name, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}
