using System.Globalization;
using System.Text.RegularExpressions;
using EdgeIam.Config.Reading;
using EdgeIam.Policy.Rules;

namespace EdgeIam.Config.Iam;

/// <summary>
/// Parses the keys every role-creating section shares: <c>permissions</c>, <c>managedPolicies</c>,
/// <c>maxSessionDuration</c>. Sections add <see cref="Keys"/> to their own key set.
/// </summary>
public static partial class RoleAccessParser
{
    public static readonly string[] Keys = ["permissions", "managedPolicies", "maxSessionDuration"];

    internal static readonly KeySet StatementKeys = new(
        "#/definitions/permissionStatement", "sid", "effect", "actions", "resources", "conditions", "justification");

    /// <summary>IAM quota: managed policies attached to a role (default 10, adjustable to 20; we keep the default).
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html</summary>
    public const int MaxManagedPolicies = 10;

    /// <summary>Role MaxSessionDuration range, 3600..43200 s (CloudFormation AWS::IAM::Role MaxSessionDuration).</summary>
    public const int MinSessionSeconds = 3600;

    public const int MaxSessionSeconds = 43200;

    /// <summary>Valid IAM condition operators (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).</summary>
    private static readonly string[] ConditionOperators =
    [
        "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
        "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
        "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
        "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
    ];

    /// <summary>AWS managed policies that amount to administrator access (IAM, or everything but IAM).
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html</summary>
    public static readonly IReadOnlyList<string> AdminManagedPolicies = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

    public static RoleAccess Parse(MappingReader role)
    {
        var index = 0;
        var permissions = role.Items("permissions", StatementKeys, s => ParseStatement(s, index++));
        var sids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in permissions)
        {
            if (!sids.Add(statement.Sid))
            {
                role.Error("permissions", $"two statements share the sid '{statement.Sid}'", "give every statement its own sid.");
            }
        }

        var managed = ParseManagedPolicies(role);
        var maxSession = role.DurationSeconds("maxSessionDuration", MinSessionSeconds, MaxSessionSeconds, "the IAM role limit")
            ?? RoleAccess.DefaultMaxSessionDurationSeconds;
        return new RoleAccess(permissions, managed, maxSession);
    }

    internal static PermissionStatement? ParseStatement(MappingReader s, int index)
    {
        var sid = s.Matching("sid", SidPattern(), "a statement ID (letters and digits only)", "use letters and digits, e.g. sid: ReadTelemetry.")
            ?? string.Create(CultureInfo.InvariantCulture, $"Permission{index}");
        var effect = s.String("effect") ?? "Allow";
        if (effect is not ("Allow" or "Deny"))
        {
            s.Error("effect", $"'{effect}' is not Allow or Deny", "write effect: Allow (the default) or effect: Deny.");
        }

        var actions = s.Strings("actions", required: true, fix: "list the actions, e.g. actions: [s3:GetObject].");
        foreach (var action in actions.Where(a => !ActionPattern().IsMatch(a)))
        {
            s.Error("actions", $"'{action}' is not an IAM action", "write service:Action, e.g. s3:GetObject (wildcards * and ? allowed).");
        }

        var resources = s.Strings("resources", required: true, fix: "list the resource ARNs, e.g. resources: [\"arn:aws:s3:::bucket/*\"].");
        foreach (var resource in resources.Where(r => r != "*" && !r.StartsWith("arn:", StringComparison.Ordinal)))
        {
            s.Error("resources", $"'{resource}' is not an ARN or *", "write a full ARN, e.g. arn:aws:s3:::telemetry-bucket/*.");
        }

        var conditions = ParseConditions(s);
        var justification = s.String("justification");
        if (justification is not null && justification.Trim().Length < 10)
        {
            s.Error("justification", "a justification must say why (at least 10 characters)", "write the reason a reviewer needs, in a sentence.");
        }

        // The same judgement EIAM-PERM-001 makes of the synthesized template, so synth and check cannot disagree.
        var tooBroad = PermissionBreadth.Describe(actions, notAction: false, resources, notResource: false, out _);
        if (effect == "Allow" && tooBroad is not null && justification is null)
        {
            s.Context.Error(s.Node, s.PathOf("actions"),
                $"{tooBroad}: wildcards like these grant more than a reviewer can see",
                "name the actions and resources exactly, or add `justification: \"...\"` saying why the wildcard is needed.");
        }

        if (actions.Count == 0 || resources.Count == 0)
        {
            return null;
        }

        return new PermissionStatement(sid, effect != "Deny", actions, resources, conditions, justification);
    }

    internal static List<PolicyCondition> ParseConditions(MappingReader s)
    {
        var result = new List<PolicyCondition>();
        var node = s.Value("conditions");
        if (node is null)
        {
            return result;
        }

        if (node is not YamlDotNet.RepresentationModel.YamlMappingNode operators)
        {
            s.Error("conditions", "expected a mapping of operator to keys", "write conditions: { StringEquals: { \"aws:RequestedRegion\": us-east-1 } }.");
            return result;
        }

        foreach (var (opNode, keysNode) in operators.Children)
        {
            var op = ((YamlDotNet.RepresentationModel.YamlScalarNode)opNode).Value ?? "";
            var path = s.PathOf("conditions") + "." + op;
            var bare = op.Replace("ForAllValues:", "", StringComparison.Ordinal).Replace("ForAnyValue:", "", StringComparison.Ordinal);
            bare = bare.EndsWith("IfExists", StringComparison.Ordinal) ? bare[..^"IfExists".Length] : bare;
            if (!ConditionOperators.Contains(bare, StringComparer.Ordinal))
            {
                var nearest = KeySuggester.Nearest(bare, ConditionOperators);
                s.Context.Error(opNode, path, $"'{op}' is not an IAM condition operator",
                    nearest is not null ? $"did you mean {nearest}?" : "use an operator such as StringEquals, ArnLike or Bool.");
                continue;
            }

            if (keysNode is not YamlDotNet.RepresentationModel.YamlMappingNode keys)
            {
                s.Context.Error(keysNode, path, "expected a mapping of condition key to value(s)", "write `aws:SomeKey: value` lines under the operator.");
                continue;
            }

            foreach (var (keyNode, valueNode) in keys.Children)
            {
                var key = ((YamlDotNet.RepresentationModel.YamlScalarNode)keyNode).Value ?? "";
                var values = valueNode switch
                {
                    YamlDotNet.RepresentationModel.YamlScalarNode v => [v.Value ?? ""],
                    YamlDotNet.RepresentationModel.YamlSequenceNode seq => seq.Children.OfType<YamlDotNet.RepresentationModel.YamlScalarNode>().Select(v => v.Value ?? "").ToList(),
                    _ => new List<string>(),
                };
                if (values.Count == 0)
                {
                    s.Context.Error(valueNode, path + "." + key, "a condition needs at least one value", "give a value or a list of values.");
                    continue;
                }

                result.Add(new PolicyCondition(op, key, values));
            }
        }

        return result;
    }

    internal static List<string> ParseManagedPolicies(MappingReader role)
    {
        var arns = new List<string>();
        foreach (var entry in role.Strings("managedPolicies"))
        {
            var arn = entry.StartsWith("arn:", StringComparison.Ordinal) ? entry : "arn:aws:iam::aws:policy/" + entry;
            if (!ManagedPolicyArnPattern().IsMatch(arn))
            {
                role.Error("managedPolicies", $"'{entry}' is not a managed-policy ARN or AWS managed policy name",
                    "write an ARN (arn:aws:iam::111111111111:policy/Name) or an AWS managed policy name (ReadOnlyAccess).");
                continue;
            }

            // Administrator-level AWS managed policies (the same list the policy engine's EIAM-PERM-002 flags).
            // Compared ignoring case so "administratoraccess" cannot slip past.
            var policyName = arn[(arn.LastIndexOf('/') + 1)..];
            if (arn.Contains(":iam::aws:policy/", StringComparison.OrdinalIgnoreCase)
                && AdminManagedPolicies.FirstOrDefault(a => a.Equals(policyName, StringComparison.OrdinalIgnoreCase)) is { } admin)
            {
                role.Error("managedPolicies", $"{admin} gives an edge credential administrator-level control of the account",
                    "attach a narrower policy or write explicit permissions.");
                continue;
            }

            arns.Add(arn);
        }

        if (arns.Count > MaxManagedPolicies)
        {
            role.Error("managedPolicies", string.Create(CultureInfo.InvariantCulture, $"{arns.Count} managed policies exceed the IAM quota of {MaxManagedPolicies} per role"),
                "merge policies or move statements into `permissions`.");
        }

        return arns;
    }

    [GeneratedRegex(@"^[A-Za-z0-9]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex SidPattern();

    [GeneratedRegex(@"^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ActionPattern();

    [GeneratedRegex(@"^arn:(aws|aws-cn|aws-us-gov):iam::([0-9]{12}|aws):policy/[\w+=,.@/-]{1,512}$", RegexOptions.CultureInvariant)]
    private static partial Regex ManagedPolicyArnPattern();
}
