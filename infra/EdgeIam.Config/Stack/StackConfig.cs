namespace EdgeIam.Config.Stack;

/// <summary>One deployment stack, parsed and validated from <c>stacks/&lt;Name&gt;.yaml</c>. Immutable.</summary>
public sealed record StackConfig
{
    /// <summary>
    /// Stack name = the file name without <c>.yaml</c>; the CloudFormation stack is <see cref="CloudFormationStackName"/>.
    /// Every target of one stack file has the same name.
    /// </summary>
    public required string Name { get; init; }

    /// <summary>Path of the stack file, as given to the loader.</summary>
    public required string SourceFile { get; init; }

    /// <summary>12-digit AWS account ID the stack deploys to.</summary>
    public required string Account { get; init; }

    public required string Region { get; init; }

    /// <summary>Partition of <see cref="Region"/> (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>).</summary>
    public string Partition => AwsRegions.PartitionOf(Region);

    /// <summary>Termination protection on the stack and <c>Retain</c> on identity resources.</summary>
    public bool Protect { get; init; }

    /// <summary>User tags, sorted by key; <c>Project</c> and <c>Stack</c> are added by EdgeIam.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    /// <summary>Managed-policy ARN set as permissions boundary on every role. Default: no boundary.</summary>
    public string? PermissionsBoundary { get; init; }

    /// <summary>
    /// The document of a customer managed <see cref="PermissionsBoundary"/> (<c>permissionsBoundaryDocument</c>), so
    /// the permission side can evaluate the boundary; synth carries it into the template's Metadata. Default: none
    /// (the boundary is unknown to the engine unless it is an AWS managed policy).
    /// </summary>
    public PermissionsBoundaryDocument? PermissionsBoundaryDocument { get; init; }

    /// <summary>The VPC and its Wavelength subnets. Default: none (no network resources).</summary>
    public Network.NetworkConfig? Network { get; init; }

    /// <summary>Edge instance fleets in the network's Wavelength Zones. Default: none.</summary>
    public IReadOnlyList<Compute.EdgeFleetConfig> EdgeFleets { get; init; } = [];
    /// <summary>OIDC identity providers and web-identity roles. Default: none (the section creates nothing).</summary>
    public Federation.OidcConfig? Oidc { get; init; }

    /// <summary>Roles other accounts may assume behind an external ID. Default: none.</summary>
    public IReadOnlyList<Federation.CrossAccountRoleConfig> CrossAccount { get; init; } = [];

    /// <summary>IAM Roles Anywhere trust anchors, profiles and roles. Default: none (nothing is created).</summary>
    public RolesAnywhere.RolesAnywhereConfig? RolesAnywhere { get; init; }

    /// <summary>Roles AWS services assume for the stack, locked with aws:SourceAccount/aws:SourceArn. Default: none.</summary>
    public IReadOnlyList<Identity.ServiceRoleConfig> ServiceRoles { get; init; } = [];

    /// <summary>SAML 2.0 providers and the roles their assertions may assume. Default: none.</summary>
    public Identity.SamlConfig? Saml { get; init; }

    /// <summary>IAM Identity Center permission sets and account assignments. Default: none.</summary>
    public Identity.IdentityCenterConfig? IdentityCenter { get; init; }

    /// <summary>The owners' access assertions (<c>&lt;name&gt;.assertions.yaml</c> beside the stack file); null when there are none.</summary>
    public Assertions.AssertionsConfig? Assertions { get; init; }

    /// <summary>Quotas the stack file declares raised (<c>quotas:</c>); AWS's defaults otherwise.</summary>
    public AccountQuotas Quotas { get; init; } = AccountQuotas.Default;

    /// <summary>Where each mapping of the stack file starts, by key path (e.g. <c>oidc.roles[0]</c>), for errors found at synth.</summary>
    public IReadOnlyDictionary<string, Federation.SourcePosition> Positions { get; init; } = new Dictionary<string, Federation.SourcePosition>();

    /// <summary>The position of <paramref name="keyPath"/>, or of its nearest enclosing mapping; null when unknown.</summary>
    public Federation.SourcePosition? PositionOf(string keyPath)
    {
        for (var path = keyPath; path.Length > 0; path = Parent(path))
        {
            if (Positions.TryGetValue(path, out var position))
            {
                return position;
            }
        }

        return null;

        static string Parent(string path)
        {
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            return cut <= 0 ? "" : path[..cut];
        }
    }

    /// <summary>
    /// <c>file:line:col</c> of <paramref name="keyPath"/> (or of its nearest enclosing mapping), in the compiler-style
    /// form diagnostics use; the bare <see cref="SourceFile"/> when no position is known.
    /// </summary>
    public string Where(string keyPath) =>
        PositionOf(keyPath) is { } at
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{SourceFile}:{at.Line}:{at.Column}")
            : SourceFile;

    /// <summary>The entry of <c>targets:</c> this stack was built for; null when the stack file has no <c>targets</c>.</summary>
    public StackTarget? Target { get; init; }

    /// <summary>
    /// <c>EdgeIam-&lt;Name&gt;</c>; with <c>targets</c>, <c>EdgeIam-&lt;Name&gt;-&lt;Account&gt;-&lt;Region&gt;</c> (one
    /// CloudFormation stack per target, and the CDK app needs a distinct stack ID for each).
    /// </summary>
    public string CloudFormationStackName => Target is null ? "EdgeIam-" + Name : $"EdgeIam-{Name}-{Account}-{Region}";

    /// <summary>
    /// What every physical IAM role name of the stack starts with (<see cref="RoleNames.Physical"/>). IAM names are
    /// unique per account, not per region, so with <c>targets</c> (one stack file in several regions of one account)
    /// the prefix carries the region: <c>EdgeIam-&lt;Name&gt;-&lt;Region&gt;</c>; the account is implicit. Without
    /// <c>targets</c> it is <c>EdgeIam-&lt;Name&gt;</c>, as it always was, so shipped templates do not change.
    /// </summary>
    public string RoleNamePrefix => Target is null ? CloudFormationStackName : $"EdgeIam-{Name}-{Region}";

    /// <summary>The stack's name for messages: <c>dev</c>, or <c>fleet (444444444444/us-east-1)</c> for a target.</summary>
    public string DisplayName => Target is null ? Name : $"{Name} ({TargetLabel})";

    /// <summary><c>ACCOUNT/REGION</c>, how messages name a target.</summary>
    public string TargetLabel => $"{Account}/{Region}";
}
