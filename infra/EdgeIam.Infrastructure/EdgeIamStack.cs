using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EdgeIam.Config.Placement;
using EdgeIam.Config.Stack;

namespace EdgeIam.Infrastructure;

/// <summary>
/// One deployment stack (<c>EdgeIam-&lt;name&gt;</c>) composed from its <see cref="StackConfig"/>. Sections that
/// are absent from the config create nothing.
/// </summary>
public sealed class EdgeIamStack : Stack
{
    public EdgeIamStack(Construct scope, StackConfig config, TemplatePlacement? placement = null)
        : base(scope, config.CloudFormationStackName, new StackProps
        {
            StackName = config.CloudFormationStackName,
            Env = new Amazon.CDK.Environment { Account = config.Account, Region = config.Region },
            TerminationProtection = config.Protect,
            Description = $"EdgeIam {config.Name}: short-lived AWS access for edge workloads (managed by EdgeIam; edit stacks/{config.Name}.yaml, not this stack).",
        })
    {
        Config = config;

        // Tags.Of is an Aspect: it reaches every taggable resource, including those constructs add later.
        var tags = Amazon.CDK.Tags.Of(this);
        tags.Add("Project", "EdgeIam");
        tags.Add("Stack", config.Name);
        foreach (var (key, value) in config.Tags)
        {
            tags.Add(key, value);
        }

        // PermissionsBoundary.Of is an Aspect too, so no role of this stack (L1 or L2) can miss the boundary.
        if (config.PermissionsBoundary is { } boundaryArn)
        {
            Amazon.CDK.AWS.IAM.PermissionsBoundary.Of(this).Apply(ManagedPolicy.FromManagedPolicyArn(this, "PermissionsBoundary", boundaryArn));
        }

        // The boundary's document, when the stack file gives it, so the permission side can evaluate the boundary.
        if (config.PermissionsBoundaryDocument is { } boundaryDocument)
        {
            Iam.PermissionsBoundaryMetadata.AddTo(this, boundaryDocument);
        }

        Shards = new Placement.TemplateShards(this, placement ?? DefaultPlacement(config));

        Compute.EdgeCompute.AddTo(this, config);

        if (config.Oidc is { } oidc)
        {
            _ = new Federation.OidcFederation(this, "Oidc", new Federation.OidcFederationProps(oidc));
        }

        if (config.CrossAccount.Count > 0)
        {
            _ = new Federation.CrossAccountRoles(this, "CrossAccount", new Federation.CrossAccountRolesProps(config.CrossAccount));
        }

        if (config.RolesAnywhere is { } rolesAnywhere)
        {
            _ = new RolesAnywhere.RolesAnywhereResources(this, "RolesAnywhere", new RolesAnywhere.RolesAnywhereResourcesProps(rolesAnywhere));
        }

        Identity.IdentityResources.AddTo(this, config);

        if (config.Assertions is { } assertions)
        {
            Assertions.AssertionsMetadata.AddTo(this, assertions);
        }
    }

    public StackConfig Config { get; }

    /// <summary>Which template (top level or a nested shard) each role and fleet is built in.</summary>
    internal Placement.TemplateShards Shards { get; }

    private readonly List<StackInputException> _refusals = [];

    /// <summary>Input a construct refused (only what needs the rendered template: a trust policy's size), in construction order.</summary>
    public IReadOnlyList<StackInputException> Refusals => _refusals;

    /// <summary>Records a refusal instead of throwing it, so the other roles of every stack are still checked.</summary>
    internal void Refuse(StackInputException refusal) => _refusals.Add(refusal);

    /// <summary>The <see cref="EdgeIamStack"/> a construct belongs to.</summary>
    public static EdgeIamStack Containing(IConstruct construct)
    {
        // A construct in a shard belongs to the nested stack, whose parent is the EdgeIamStack.
        var stack = Stack.Of(construct);
        while (stack is not EdgeIamStack && stack.NestedStackParent is { } parent)
        {
            stack = parent;
        }

        return stack as EdgeIamStack ?? throw new InvalidOperationException($"{construct.Node.Path} is not inside an EdgeIamStack");
    }

    /// <summary>
    /// The placement of a stack built without one (tests, tools): as synth would place it with no lock file. Synth
    /// itself plans every stack before the runtime starts (see <see cref="StackPlacements"/>), so these errors are the
    /// loader's, raised here only for a caller that skipped it.
    /// </summary>
    private static TemplatePlacement DefaultPlacement(StackConfig config)
    {
        var (placement, errors) = TemplatePlanner.Plan(config, null, PlacementLock.PathFor(config.SourceFile));
        return errors.Count == 0 ? placement : throw new InvalidOperationException(string.Join(System.Environment.NewLine, errors));
    }

    /// <summary><c>Retain</c> for identity resources when the stack is protected, so a stack deletion cannot strand devices.</summary>
    public RemovalPolicy IdentityRemovalPolicy => Config.Protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}
