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
        var stackIds = new Dictionary<string, StackConfig>(StringComparer.Ordinal);
        foreach (var stack in stacks)
        {
            // The CDK app holds every stack under its CloudFormation name: two stacks may not share one
            // (EdgeIam-a-111111111111-us-east-1 is a target of a.yaml and also the file a-111111111111-us-east-1.yaml).
            if (!stackIds.TryAdd(stack.CloudFormationStackName, stack))
            {
                var other = stackIds[stack.CloudFormationStackName];
                var where = stack.Target?.Declared ?? stack.PositionOf("account");
                diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, stack.SourceFile, where?.Line ?? 0, where?.Column ?? 0, where?.KeyPath ?? "",
                    $"stack {stack.DisplayName} and stack {other.DisplayName} ({other.SourceFile}) are both the CloudFormation stack {stack.CloudFormationStackName}",
                    "rename one of the two stack files."));
                continue;
            }

            // Role names are EdgeIam-<name>-<role> (with targets EdgeIam-<name>-<region>-<role>).
            var key = (stack.Account, stack.RoleNamePrefix.ToUpperInvariant());
            if (!first.TryAdd(key, stack))
            {
                var earlier = first[key];
                var at = stack.PositionOf("account");
                diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, stack.SourceFile, at?.Line ?? 0, at?.Column ?? 0, "account",
                    $"stack '{stack.DisplayName}' and stack '{earlier.DisplayName}' ({earlier.SourceFile}) both deploy to account {stack.Account}, and their role names ({RoleNames.Physical(stack.RoleNamePrefix, "...")} and {RoleNames.Physical(earlier.RoleNamePrefix, "...")}) differ only in case, which IAM treats as the same name",
                    "rename one of the two stack files, or deploy them to different accounts."));
            }
        }
    }
}
