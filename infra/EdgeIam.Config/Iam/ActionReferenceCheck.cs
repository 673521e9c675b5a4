using EdgeIam.Config.Reading;
using EdgeIam.Policy.Reference;
using YamlDotNet.RepresentationModel;

namespace EdgeIam.Config.Iam;

/// <summary>
/// Checks the actions a stack file lists against AWS's Service Authorization Reference (embedded in EdgeIam.Policy,
/// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
/// IAM stores a misspelt action such as <c>s3:PutObjcet</c> without complaint and it never matches, so the file would
/// say more than the deployed policy does: an error at load, with the nearest documented action as the fix.
/// </summary>
internal static class ActionReferenceCheck
{
    /// <summary>
    /// Records an error at the item's line:column (key path <c>…actions[i]</c>) for every item of the list under
    /// <paramref name="key"/> that is shaped like <c>service:action</c> (or <c>*</c>) but names no documented action, or
    /// is a wildcard that matches none. Anything else about the list (not a list, a non-string or empty item, a value
    /// that is not <c>service:action</c>) is left to the caller's own checks, so no problem is reported twice.
    /// </summary>
    public static void Report(MappingReader statement, string key)
    {
        if (statement.Value(key) is not YamlSequenceNode list)
        {
            return;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            if (list.Children[i] is YamlScalarNode { Value: { Length: > 0 } action } item
                && Problem(action) is { } problem)
            {
                statement.Context.Error(item, statement.ItemPath(key, i), problem.Message, problem.Fix);
            }
        }
    }

    /// <summary>
    /// For one action: null when it names at least one documented action (or is not <c>service:action</c> at all);
    /// otherwise the message, e.g. <c>unknown action 's3:PutObjcet' in service s3; did you mean 's3:PutObject'?</c>,
    /// and the fix, e.g. <c>write 's3:PutObject'.</c>
    /// </summary>
    public static (string Message, string Fix)? Problem(string action)
    {
        var check = ServiceAuthorization.Check(action);
        return check is { IsWellFormed: true, IsKnown: false, Message: { } message, Fix: { } fix } ? (message, fix) : null;
    }
}
