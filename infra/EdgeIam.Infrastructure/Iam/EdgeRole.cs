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
/// the <c>edgeiam:role</c> tag the policy engine keys on, and a trust-policy size check, as the L2 <c>Role</c> and
/// <c>Policy</c> would write them (same construct paths, logical IDs and template). (The permissions boundary is
/// applied to every role by <see cref="EdgeIamStack"/>'s aspect.) Every other rule on a role (its name, with the stack
/// prefix) is the loader's; here it is only asserted.
/// </summary>
internal sealed class EdgeRole : Construct
{
    /// <summary>IAM's default quota for a role trust policy, counted without whitespace.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html</summary>
    public const int TrustPolicyCharacterLimit = 2048;

    public EdgeRole(Construct scope, string id, EdgeRoleProps props)
        : base(scope, id)
    {
        if (props.Trust.Count == 0)
        {
            throw new ArgumentException($"role '{props.ConfigName}' needs at least one trust statement", nameof(props));
        }

        // Every jsii call costs a round trip to node (about a millisecond under load), so a role is written as L1
        // resources from plain .NET values: the L2 Role and Policy added nothing EdgeIam uses but their calls.
        var scopeFacts = ScopeFacts.Of(scope);
        var stack = scopeFacts.Stack;
        var roleName = RoleNames.Physical(stack.Config.RoleNamePrefix, props.ConfigName);
        if (roleName.Length > RoleNames.MaxLength)
        {
            // RoleNames.Check refuses every over-long prefixed name at load, with its line and column.
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"the IAM role name '{roleName}' ({props.KeyPath}) is {roleName.Length} characters, over IAM's {RoleNames.MaxLength}: the loader should have refused this"));
        }

        // Rendered here as the CDK would render it, so its size is known without resolving it in node.
        var trust = PolicyJson.Render(props.Trust);
        var path = scopeFacts.Path + "/" + id;
        // "Role/Resource", as the L2 Role placed it: the construct path fixes the logical ID and aws:cdk:path.
        var cfnRole = new CfnRole(new Construct(this, "Role"), "Resource", new CfnRoleProps
        {
            AssumeRolePolicyDocument = PolicyJson.NeedsCdk(props.Trust) ? PolicyJson.Document(props.Trust) : trust,
            // The L2 Role dropped an empty description and repeated managed policies.
            Description = string.IsNullOrEmpty(props.Description) ? null : props.Description,
            ManagedPolicyArns = props.Access.ManagedPolicyArns.Count > 0 ? [.. props.Access.ManagedPolicyArns.Distinct(StringComparer.Ordinal)] : null,
            MaxSessionDuration = props.Access.MaxSessionDurationSeconds,
            RoleName = roleName,
            // The tag the policy engine keys on. The stack's Tags aspect merges its tags into these, and the
            // TagManager writes them sorted by key, so the order is the one Tags.Of(role) gave.
            Tags = [new CfnTag { Key = EdgeIamMetadata.Role, Value = props.ConfigName }],
        });
        cfnRole.ApplyRemovalPolicy(stack.IdentityRemovalPolicy);
        cfnRole.AddMetadata(EdgeIamMetadata.Role, props.ConfigName);
        Role = new EdgeRoleResource(cfnRole);

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
            _ = InlinePolicy.Create(this, path, scopeFacts.StackPath, "Permissions", [.. props.Access.Permissions.Select(ToIamStatement)], Role.RoleName);
        }

        var size = TrustPolicySize.Estimate(trust);
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

    /// <summary>The role resource, its ARN and its name.</summary>
    public EdgeRoleResource Role { get; }

    internal static IamStatement ToIamStatement(PermissionStatement permission) =>
        new(permission.Sid, permission.Allow, permission.Actions, permission.Resources, Conditions: ToConditions(permission.Conditions));

    /// <summary>A permission as a CDK statement (a profile's session policy).</summary>
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
