using Amazon.CDK.AWS.IAM;
using Constructs;
using EdgeIam.Config.Iam;
using EdgeIam.Infrastructure.Iam;

namespace EdgeIam.Infrastructure.Identity;

/// <summary>
/// The <c>serviceRoles</c> section: one <see cref="EdgeRole"/> per role, its trust naming the service and locked with
/// <c>aws:SourceAccount</c> (and <c>aws:SourceArn</c>) against the cross-service confused deputy
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).
/// </summary>
internal sealed class ServiceRoles : Construct
{
    public const string LockedSid = "ServiceLockedToSource";
    public const string UnlockedSid = "ServiceWithoutSourceKeys";

    public ServiceRoles(Construct scope, string id, ServiceRolesProps props)
        : base(scope, id)
    {
        var stack = EdgeIamStack.Containing(this);
        foreach (var role in props.Roles)
        {
            var locked = role.WithoutSourceKeys is null;
            var statement = ServiceTrust.Statement(locked ? LockedSid : UnlockedSid, role.Service, ["sts:AssumeRole"],
                locked ? ServiceTrust.SourceConditions(stack.Config.Account, role.SourceArns) : []);
            _ = new EdgeRole(this, role.Name, new EdgeRoleProps(
                role.KeyPath,
                role.Name,
                $"Service role for {role.Service}{(locked ? ", locked to this account's sources" : "")} (EdgeIam {role.KeyPath})",
                [statement],
                role.Access,
                locked ? null : new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [UnlockedSid] = $"withoutSourceKeys at {role.KeyPath} in {stack.Config.SourceFile}: {role.WithoutSourceKeys}",
                }));
        }
    }
}

/// <summary>Trust statements for service principals.</summary>
internal static class ServiceTrust
{
    public static IamStatement Statement(string sid, string service, string[] actions, IReadOnlyList<PolicyCondition> conditions) =>
        new(sid, Allow: true, actions, [],
            new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["Service"] = [service] },
            EdgeRole.ToConditions(conditions));

    /// <summary>StringEquals aws:SourceAccount (the stack's account) and, when given, ArnLike aws:SourceArn.</summary>
    public static List<PolicyCondition> SourceConditions(string account, IReadOnlyList<string> sourceArns)
    {
        var conditions = new List<PolicyCondition> { new("StringEquals", "aws:SourceAccount", [account]) };
        if (sourceArns.Count > 0)
        {
            conditions.Add(new("ArnLike", "aws:SourceArn", sourceArns));
        }

        return conditions;
    }
}
