using System.Globalization;
using System.Text.RegularExpressions;
using EdgeIam.Config.Reading;
using EdgeIam.Policy.Reference;
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

    /// <summary>IAM quota: all inline policies of one role together, 10,240 characters, whitespace not counted.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html</summary>
    public const int MaxInlinePolicyCharacters = 10240;

    /// <summary>Role MaxSessionDuration range, 3600..43200 s (CloudFormation AWS::IAM::Role MaxSessionDuration).</summary>
    public const int MinSessionSeconds = 3600;

    public const int MaxSessionSeconds = 43200;

    /// <summary>AWS managed policies that amount to administrator access (IAM, or everything but IAM).
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html</summary>
    public static readonly IReadOnlyList<string> AdminManagedPolicies = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

    public static RoleAccess Parse(MappingReader role)
    {
        var permissions = ParseStatements(role, "permissions", emptyMeansSomething: false);
        var size = PolicySize.OfInlinePolicy(permissions);
        if (size > MaxInlinePolicyCharacters)
        {
            role.Error("permissions", string.Create(CultureInfo.InvariantCulture,
                    $"the role's inline policy would be {size} characters (whitespace excluded), over IAM's quota of {MaxInlinePolicyCharacters} for all inline policies of a role"),
                "use fewer, broader resource patterns you own (e.g. arn:aws:s3:::bucket/prefix-*), or move statements into a customer managed policy listed in `managedPolicies`.");
        }

        var managed = ParseManagedPolicies(role);
        var maxSession = role.DurationSeconds("maxSessionDuration", MinSessionSeconds, MaxSessionSeconds, "the IAM role limit")
            ?? RoleAccess.DefaultMaxSessionDurationSeconds;
        return new RoleAccess(permissions, managed, maxSession);
    }

    /// <summary>
    /// The statements under <paramref name="key"/>. Two statements with one sid are reported at the second (IAM
    /// refuses a policy whose sids repeat). <paramref name="emptyMeansSomething"/>: an empty list would not mean
    /// "nothing" (an empty session policy allows nothing, but no session policy leaves the role's permissions whole).
    /// </summary>
    internal static IReadOnlyList<PermissionStatement> ParseStatements(MappingReader owner, string key, bool emptyMeansSomething)
    {
        if (emptyMeansSomething && owner.Value(key) is YamlDotNet.RepresentationModel.YamlSequenceNode { Children.Count: 0 })
        {
            owner.Error(key, "is an empty list, which would be left out of the template and so restrict nothing",
                $"list the statements of `{key}`, or remove the key.");
            return [];
        }

        var index = 0;
        var sids = new Dictionary<string, int>(StringComparer.Ordinal);
        return owner.Items(key, StatementKeys, s =>
        {
            var position = index++;
            var statement = ParseStatement(s, position);
            if (statement is not null && !sids.TryAdd(statement.Sid, position))
            {
                s.Context.Error(s.Value("sid") ?? s.Node, s.PathOf("sid"),
                    string.Create(CultureInfo.InvariantCulture, $"the sid '{statement.Sid}' is already used by {owner.ItemPath(key, sids[statement.Sid])}"),
                    "give every statement its own sid.");
            }

            return statement;
        });
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

        var actionItems = s.StringItems("actions", required: true, fix: "list the actions, e.g. actions: [s3:GetObject].");
        var actions = actionItems.Select(a => a.Value).ToList();
        foreach (var (action, at) in actionItems.Where(a => !ActionPattern().IsMatch(a.Value)))
        {
            s.Context.Error(at, s.PathOf("actions"), $"'{action}' is not an IAM action", "write service:Action, e.g. s3:GetObject (wildcards * and ? allowed).");
        }

        ActionReferenceCheck.Report(s, "actions");

        // IAM compares action names ignoring case, so s3:GetObject and s3:getobject are one action written twice.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
        foreach (var group in actionItems.GroupBy(a => a.Value, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var second = group.Skip(1).First();
            s.Context.Error(second.Node, s.PathOf("actions"), $"'{second.Value}' is the same action as '{group.First().Value}' (IAM ignores case in action names)",
                "list each action once.");
        }

        var resourceItems = s.StringItems("resources", required: true, fix: "list the resource ARNs, e.g. resources: [\"arn:aws:s3:::bucket/*\"].");
        var resources = resourceItems.Select(r => r.Value).ToList();
        foreach (var (resource, at) in resourceItems.Where(r => r.Value != "*" && !r.Value.StartsWith("arn:", StringComparison.Ordinal)))
        {
            s.Context.Error(at, s.PathOf("resources"), $"'{resource}' is not an ARN or *", "write a full ARN, e.g. arn:aws:s3:::telemetry-bucket/*.");
        }

        var conditions = ParseConditions(s);
        var justification = s.String("justification");
        if (justification is not null && justification.Trim().Length < 10)
        {
            s.Error("justification", "a justification must say why (at least 10 characters)", "write the reason a reviewer needs, in a sentence.");
        }

        // The same judgement EIAM-PERM-001 makes of the synthesized template, so synth and check cannot disagree.
        // Unknown actions are errors of their own above; judging their breadth too would report one item twice.
        var known = actions.Where(a => ActionReferenceCheck.Problem(a) is null).ToList();
        var tooBroad = PermissionBreadth.Describe(known, notAction: false, resources, notResource: false, out _);
        if (effect == "Allow" && tooBroad is not null && justification is null)
        {
            // Every action, or writes on every resource, is refused outright. A write wildcard confined to named
            // resources (s3:* on one bucket's prefix) is a warning here: it is still a finding of EIAM-PERM-001 in
            // `check`, and `diff` reports what it adds by access level, so a PR shows its effect.
            var scoped = !known.Any(PermissionBreadth.CoversEveryAction) && !resources.Any(PermissionBreadth.CoversEveryResource);
            if (scoped)
            {
                s.Context.Warning(s.Node, s.PathOf("actions"),
                    $"{tooBroad} on the resources listed: EIAM-PERM-001 flags it in `edgeiam check`",
                    "name the actions exactly, or add `justification: \"...\"` saying why the wildcard is needed.");
            }
            else
            {
                s.Context.Error(s.Node, s.PathOf("actions"),
                    $"{tooBroad}: wildcards like these grant more than a reviewer can see",
                    "name the actions and resources exactly, or add `justification: \"...\"` saying why the wildcard is needed.");
            }
        }

        if (actions.Count == 0 || resources.Count == 0)
        {
            return null;
        }

        return new PermissionStatement(sid, effect != "Deny", actions, resources, conditions, justification);
    }

    internal static List<PolicyCondition> ParseConditions(MappingReader s) => ConditionParser.Parse(s);

    internal static List<string> ParseManagedPolicies(MappingReader role)
    {
        var arns = new List<string>();
        var count = 0;
        foreach (var (entry, at) in role.StringItems("managedPolicies"))
        {
            count++;
            if (count == MaxManagedPolicies + 1)
            {
                var total = role.Value("managedPolicies") is YamlDotNet.RepresentationModel.YamlSequenceNode list ? list.Children.Count : count;
                role.Context.Error(at, role.PathOf("managedPolicies"),
                    string.Create(CultureInfo.InvariantCulture, $"{total} managed policies exceed the IAM quota of {MaxManagedPolicies} per role; this is policy {count}"),
                    "merge policies or move statements into `permissions`.");
            }

            // A bare name is an AWS managed policy: its ARN (path included, e.g. service-role/) comes from the
            // embedded snapshot, so a misspelt name is an error here instead of a failed deploy.
            var arn = entry.StartsWith("arn:", StringComparison.Ordinal) ? entry : AwsManagedPolicies.ArnOf(entry) ?? "arn:aws:iam::aws:policy/" + entry;
            // An administrator-level name in any case is refused below with the reason that matters more.
            if (!entry.StartsWith("arn:", StringComparison.Ordinal) && AwsManagedPolicies.ArnOf(entry) is null && ManagedPolicyArnPattern().IsMatch(arn)
                && !AdminManagedPolicies.Any(a => a.Equals(entry, StringComparison.OrdinalIgnoreCase)))
            {
                var near = AwsManagedPolicies.Suggest(entry);
                role.Context.Error(at, role.PathOf("managedPolicies"),
                    $"'{entry}' is not an AWS managed policy of the snapshot ({AwsManagedPolicies.Source}){(near.Count > 0 ? $"; did you mean {string.Join(", ", near.Select(n => n[(n.LastIndexOf('/') + 1)..]))}?" : string.Empty)}",
                    "spell the name as AWS does (names are case-sensitive), or give its full ARN if it is newer than the snapshot.");
                continue;
            }

            if (entry.StartsWith("arn:", StringComparison.Ordinal) && arn.Contains(":iam::aws:policy/", StringComparison.Ordinal)
                && ManagedPolicyArnPattern().IsMatch(arn) && AwsManagedPolicies.Problem(arn, out var suggestions) is { } problem)
            {
                role.Context.Warning(at, role.PathOf("managedPolicies"),
                    $"{problem}{(suggestions.Count > 0 ? $"; did you mean {suggestions[0]}?" : string.Empty)}: `edgeiam check` cannot prove what it allows (EIAM-PROOF-002)",
                    "use the ARN exactly as AWS spells it (path included), or refresh the snapshot if the policy is newer.");
            }

            if (!ManagedPolicyArnPattern().IsMatch(arn))
            {
                role.Context.Error(at, role.PathOf("managedPolicies"), $"'{entry}' is not a managed-policy ARN or AWS managed policy name",
                    "write an ARN (arn:aws:iam::111111111111:policy/Name) or an AWS managed policy name (ReadOnlyAccess).");
                continue;
            }

            // `ReadOnlyAccess` and its full ARN attach one policy: the role would hold it once.
            if (arns.Contains(arn, StringComparer.Ordinal))
            {
                role.Context.Error(at, role.PathOf("managedPolicies"), $"'{entry}' is already attached ({arn})", "list each managed policy once.");
                continue;
            }

            // Administrator-level AWS managed policies (the same list the policy engine's EIAM-PERM-002 flags).
            // Compared ignoring case so "administratoraccess" cannot slip past.
            var policyName = arn[(arn.LastIndexOf('/') + 1)..];
            if (arn.Contains(":iam::aws:policy/", StringComparison.OrdinalIgnoreCase)
                && AdminManagedPolicies.FirstOrDefault(a => a.Equals(policyName, StringComparison.OrdinalIgnoreCase)) is { } admin)
            {
                role.Context.Error(at, role.PathOf("managedPolicies"), $"{admin} gives an edge credential administrator-level control of the account",
                    "attach a narrower policy or write explicit permissions.");
                continue;
            }

            arns.Add(arn);
        }

        return arns;
    }

    [GeneratedRegex(@"^[A-Za-z0-9]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex SidPattern();

    [GeneratedRegex(@"^(\*|[a-z0-9-]+:[A-Za-z0-9*?-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ActionPattern();

    [GeneratedRegex(@"^arn:(aws|aws-cn|aws-us-gov):iam::([0-9]{12}|aws):policy/[A-Za-z0-9_+=,.@/-]{1,512}$", RegexOptions.CultureInvariant)]
    private static partial Regex ManagedPolicyArnPattern();
}
