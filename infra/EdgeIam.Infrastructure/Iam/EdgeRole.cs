using System.Collections.Concurrent;
using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EdgeIam.Config.Iam;
using EdgeIam.Config.Stack;
using EdgeIamMetadata = EdgeIam.Policy.Model.EdgeIamMetadata;

namespace EdgeIam.Infrastructure.Iam;

/// <summary>
/// The one way EdgeIam creates an IAM role: an exact trust policy, explicit permissions, a maximum session duration,
/// the <c>edgeiam:role</c> tag the policy engine keys on, and a trust-policy size check. (The permissions boundary is
/// applied to every role by <see cref="EdgeIamStack"/>'s aspect.) Every other rule on a role (its name, with the stack
/// prefix) is the loader's; here it is only asserted.
/// </summary>
internal sealed class EdgeRole : Construct
{
    /// <summary>IAM's default quota for a role trust policy, counted without whitespace.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html</summary>
    public const int TrustPolicyCharacterLimit = 2048;

    // Every jsii object created from .NET costs a round trip to node and a reflection pass over its type (about a
    // millisecond each); these two are immutable values, so one of each serves every role.
    private static readonly Lazy<IPrincipal> PlaceholderPrincipal = new(() => new AccountRootPrincipal());
    private static readonly ConcurrentDictionary<int, Duration> SessionDurations = new();

    public EdgeRole(Construct scope, string id, EdgeRoleProps props)
        : base(scope, id)
    {
        if (props.Trust.Count == 0)
        {
            throw new ArgumentException($"role '{props.ConfigName}' needs at least one trust statement", nameof(props));
        }

        var stack = EdgeIamStack.Containing(this);
        var roleName = RoleNames.Physical(stack.Config.RoleNamePrefix, props.ConfigName);
        if (roleName.Length > RoleNames.MaxLength)
        {
            // RoleNames.Check refuses every over-long prefixed name at load, with its line and column.
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"the IAM role name '{roleName}' ({props.KeyPath}) is {roleName.Length} characters, over IAM's {RoleNames.MaxLength}: the loader should have refused this"));
        }

        var trust = new PolicyDocument(new PolicyDocumentProps { Statements = [.. props.Trust] });
        Role = new Role(this, "Role", new RoleProps
        {
            RoleName = roleName,
            Description = props.Description,
            // Replaced below by the exact trust document: the L2 principal model would merge our statements.
            AssumedBy = PlaceholderPrincipal.Value,
            MaxSessionDuration = SessionDurations.GetOrAdd(props.Access.MaxSessionDurationSeconds, static seconds => Duration.Seconds(seconds)),
            ManagedPolicies = [.. props.Access.ManagedPolicyArns.Select((arn, i) =>
                ManagedPolicy.FromManagedPolicyArn(this, string.Create(CultureInfo.InvariantCulture, $"Managed{i}"), arn))],
        });
        var cfnRole = (CfnRole)Role.Node.DefaultChild!;
        cfnRole.AssumeRolePolicyDocument = trust;
        cfnRole.ApplyRemovalPolicy(stack.IdentityRemovalPolicy);
        cfnRole.AddMetadata(EdgeIamMetadata.Role, props.ConfigName);
        Amazon.CDK.Tags.Of(Role).Add(EdgeIamMetadata.Role, props.ConfigName);

        var justifications = props.Access.Permissions
            .Where(p => p.Justification is not null)
            .Select(p => KeyValuePair.Create(p.Sid, p.Justification!))
            .Concat(props.TrustJustifications ?? new Dictionary<string, string>())
            .ToDictionary(p => p.Key, p => (object)p.Value, StringComparer.Ordinal);
        if (justifications.Count > 0)
        {
            cfnRole.AddMetadata(EdgeIamMetadata.Justifications, justifications);
        }

        if (props.Access.Permissions.Count > 0)
        {
            Role.AttachInlinePolicy(new Amazon.CDK.AWS.IAM.Policy(this, "Permissions", new PolicyProps
            {
                Statements = [.. props.Access.Permissions.Select(ToStatement)],
            }));
        }

        var size = TrustPolicySize.Estimate(stack.Resolve(trust));
        if (size > TrustPolicyCharacterLimit)
        {
            // The one check that needs the rendered trust document; recorded so every oversized role of every stack is
            // reported together (EdgeIamApp.Create throws them as one StackInputException).
            stack.Refuse(new StackInputException(stack.Config.Where(props.KeyPath), props.KeyPath,
                string.Create(CultureInfo.InvariantCulture,
                    $"the trust policy of role '{props.ConfigName}' is about {size} characters, over IAM's {TrustPolicyCharacterLimit}-character quota (whitespace excluded)."),
                "split the subjects or principals across two roles, or replace long exact lists with patterns."));
        }
    }

    public Role Role { get; }

    internal static PolicyStatement ToStatement(PermissionStatement permission) => new(new PolicyStatementProps
    {
        Sid = permission.Sid,
        Effect = permission.Allow ? Effect.ALLOW : Effect.DENY,
        Actions = [.. permission.Actions],
        Resources = [.. permission.Resources],
        Conditions = ToConditions(permission.Conditions),
    });

    /// <summary>IAM condition block (<c>{Operator: {Key: value-or-list}}</c>) from config conditions; null when none.</summary>
    internal static Dictionary<string, object>? ToConditions(IReadOnlyList<PolicyCondition> conditions) =>
        conditions.Count == 0
            ? null
            : conditions.GroupBy(c => c.Operator, StringComparer.Ordinal).ToDictionary(
                g => g.Key,
                g => (object)g.ToDictionary(
                    c => c.Key,
                    c => c.Values.Count == 1 ? (object)c.Values[0] : c.Values.ToArray(),
                    StringComparer.Ordinal),
                StringComparer.Ordinal);
}
