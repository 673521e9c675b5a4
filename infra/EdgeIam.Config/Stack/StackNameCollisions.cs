using EdgeIam.Config.Diagnostics;

namespace EdgeIam.Config.Stack;

/// <summary>
/// Every role is named <c>EdgeIam-&lt;stack&gt;-&lt;name&gt;</c> and IAM role names are unique per account regardless
/// of case (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names),
/// so two stack files whose names differ only in case (<c>Dev.yaml</c>, <c>dev.yaml</c>) and deploy to one account
/// would create the same roles: the second deployment fails. Checked when the stacks are loaded together.
/// </summary>
internal static class StackNameCollisions
{
    public static void Check(IReadOnlyList<StackConfig> stacks, ConfigDiagnostics diagnostics)
    {
        var first = new Dictionary<(string Account, string Name), StackConfig>();
        foreach (var stack in stacks)
        {
            var key = (stack.Account, stack.Name.ToUpperInvariant());
            if (!first.TryAdd(key, stack))
            {
                var earlier = first[key];
                var at = stack.PositionOf("account");
                diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, stack.SourceFile, at?.Line ?? 0, at?.Column ?? 0, "account",
                    $"stack '{stack.Name}' and stack '{earlier.Name}' ({earlier.SourceFile}) both deploy to account {stack.Account}, and their role names ({RoleNames.Physical(stack.CloudFormationStackName, "...")} and {RoleNames.Physical(earlier.CloudFormationStackName, "...")}) differ only in case, which IAM treats as the same name",
                    "rename one of the two stack files, or deploy them to different accounts."));
            }
        }
    }
}
