using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Access;

/// <summary>One permission statement of a role: actions × resources, with its conditions and the policy it came from.</summary>
public sealed record PermissionGrant(
    Effect Effect,
    string Policy,
    string Statement,
    IReadOnlyList<string> Actions,
    bool NotAction,
    IReadOnlyList<string> Resources,
    bool NotResource,
    IReadOnlyList<ConditionFact> Conditions)
{
    /// <summary>E.g. <c>Allow s3:GetObject, s3:PutObject on arn:aws:s3:::b/*</c>.</summary>
    public string Summary
    {
        get
        {
            var actions = (NotAction ? "every action except " : string.Empty) + string.Join(", ", Actions);
            var resources = Resources.Count == 0 ? "*" : (NotResource ? "every resource except " : string.Empty) + string.Join(", ", Resources);
            var conditions = Conditions.Count == 0 ? string.Empty : $" when {string.Join(" and ", Conditions)}";
            return $"{Effect} {actions} on {resources}{conditions}";
        }
    }
}
