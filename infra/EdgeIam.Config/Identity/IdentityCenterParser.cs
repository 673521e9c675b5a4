using System.Globalization;
using System.Text.RegularExpressions;
using EdgeIam.Config.Iam;
using EdgeIam.Config.Reading;
using EdgeIam.Policy.Reference;

namespace EdgeIam.Config.Identity;

/// <summary>Parses <c>identityCenter</c>: the instance, its permission sets and their assignments.</summary>
internal static partial class IdentityCenterParser
{
    internal static readonly KeySet Keys = new("identityCenter", "instanceArn", "permissionSets", "assignments");

    internal static readonly KeySet PermissionSetKeys = new("identityCenter.permissionSets[]",
        "name", "description", "sessionDuration", "managedPolicies", "customerManagedPolicies", "permissions", "permissionsBoundary",
        "relayState", "justification");

    internal static readonly KeySet AssignmentKeys = new("identityCenter.assignments[]", "permissionSet", "groups", "users", "accounts");

    /// <summary>Session duration 1 to 12 hours (https://docs.aws.amazon.com/singlesignon/latest/userguide/howtosessionduration.html).</summary>
    public const int MinSessionSeconds = 3600;

    public const int MaxSessionSeconds = 43200;

    /// <summary>AWS managed and customer managed policies per permission set together: 20
    /// (https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html).</summary>
    public const int MaxPolicies = 20;

    /// <summary>Inline policy of a permission set: at most 32,768 characters
    /// (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutInlinePolicyToPermissionSet.html).</summary>
    public const int MaxInlinePolicyCharacters = 32768;

    public static IdentityCenterConfig? Parse(MappingReader ic)
    {
        var instance = ic.Matching("instanceArn", InstanceArnPattern(), "an IAM Identity Center instance ARN",
            "copy it from the Identity Center console (Settings), e.g. arn:aws:sso:::instance/ssoins-1234567890abcdef.", required: true);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sets = ic.Items("permissionSets", PermissionSetKeys, p => ParsePermissionSet(p, seen), required: true,
            fix: "declare at least one permission set, e.g. permissionSets: [{ name: EdgeOperator, managedPolicies: [ViewOnlyAccess] }].");
        var declared = sets.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var triples = new HashSet<string>(StringComparer.Ordinal);
        var assignments = ic.Items("assignments", AssignmentKeys, a => ParseAssignment(a, seen, declared, triples));
        return instance is null ? null : new IdentityCenterConfig(instance, sets, assignments);
    }

    private static PermissionSetConfig? ParsePermissionSet(MappingReader set, HashSet<string> seen)
    {
        var name = set.Matching("name", NamePattern(), "a permission set name (1-32 letters, digits or +=,.@_-)",
            "name it for the job, e.g. name: EdgeOperator.", required: true);
        if (name is not null && !seen.Add(name))
        {
            set.Error("name", $"two permission sets are named '{name}'", "give every permission set its own name.");
            name = null;
        }

        var description = set.String("description");
        if (description is not null && (description.Length > 700 || description.Any(c => c > '\u00FF')))
        {
            set.Error("description", "a permission set description is at most 700 characters of Latin-1 text", "shorten it.");
            description = null;
        }

        var seconds = set.DurationSeconds("sessionDuration", MinSessionSeconds, MaxSessionSeconds, "the IAM Identity Center limit") ?? MinSessionSeconds;
        var justification = set.String("justification");
        if (justification is not null && justification.Trim().Length < 10)
        {
            set.Error("justification", "a justification must say why (at least 10 characters)", "write the reason a reviewer needs, in a sentence.");
        }

        var managed = ParseManagedPolicies(set, justification);
        var customer = ParseCustomerPolicies(set);
        if (managed.Count + customer.Count > MaxPolicies)
        {
            set.Error("managedPolicies", string.Create(CultureInfo.InvariantCulture,
                $"{managed.Count + customer.Count} policies exceed IAM Identity Center's {MaxPolicies} managed and customer managed policies per permission set"),
                "merge policies or move statements into `permissions`.");
        }

        var permissions = RoleAccessParser.ParseStatements(set, "permissions", emptyMeansSomething: false);
        var size = PolicySize.OfInlinePolicy(permissions);
        if (size > MaxInlinePolicyCharacters)
        {
            set.Error("permissions", string.Create(CultureInfo.InvariantCulture, $"the inline policy would be {size} characters, over {MaxInlinePolicyCharacters}"),
                "move statements into a customer managed policy.");
        }

        if (managed.Count + customer.Count == 0 && permissions.Count == 0 && set.Has("name"))
        {
            set.Missing("permissions", "a permission set without policies grants nothing: add managedPolicies, customerManagedPolicies or permissions.");
        }

        var boundary = ParseBoundary(set);
        var relay = set.String("relayState");
        if (relay is not null && (relay.Length > 240 || !RelayStatePattern().IsMatch(relay)))
        {
            set.Error("relayState", "a relay state is a URL of at most 240 characters", "write the console URL users land on, e.g. https://console.aws.amazon.com/ec2/home.");
            relay = null;
        }

        if (justification is not null && !managed.Any(IsAdmin))
        {
            set.Warning("justification", "no administrator-level policy is attached, so the justification is not needed", "remove it so a later admin policy is reviewed again.");
        }

        return name is null
            ? null
            : new PermissionSetConfig(name, set.Path, description, ToIso(seconds), managed, customer, permissions, boundary, relay, justification);
    }

    internal static bool IsAdmin(string arn) =>
        RoleAccessParser.AdminManagedPolicies.Any(a => arn.EndsWith(":policy/" + a, StringComparison.OrdinalIgnoreCase));

    private static List<string> ParseManagedPolicies(MappingReader set, string? justification)
    {
        var arns = new List<string>();
        foreach (var (entry, at) in set.StringItems("managedPolicies"))
        {
            var arn = entry.StartsWith("arn:", StringComparison.Ordinal) ? entry : AwsManagedPolicies.ArnOf(entry);
            if (arn is null || !arn.Contains(":iam::aws:policy/", StringComparison.Ordinal))
            {
                var admin = RoleAccessParser.AdminManagedPolicies.FirstOrDefault(a => a.Equals(entry, StringComparison.OrdinalIgnoreCase));
                if (admin is not null)
                {
                    arn = "arn:aws:iam::aws:policy/" + admin;
                }
                else
                {
                    set.Context.Error(at, set.PathOf("managedPolicies"), $"'{entry}' is not an AWS managed policy",
                        "managedPolicies holds AWS managed policies (name or ARN); list your own under customerManagedPolicies.");
                    continue;
                }
            }

            if (arns.Contains(arn, StringComparer.Ordinal))
            {
                set.Context.Error(at, set.PathOf("managedPolicies"), $"'{entry}' is already attached ({arn})", "list each managed policy once.");
                continue;
            }

            if (IsAdmin(arn) && justification is null)
            {
                set.Context.Error(at, set.PathOf("managedPolicies"),
                    $"{arn[(arn.LastIndexOf('/') + 1)..]} gives everyone assigned this permission set administrator-level control of every assigned account",
                    "attach a narrower policy, or add `justification: \"...\"` saying why (break-glass, with a small assigned group).");
                continue;
            }

            arns.Add(arn);
        }

        return arns;
    }

    private static List<(string Path, string Name)> ParseCustomerPolicies(MappingReader set)
    {
        var result = new List<(string, string)>();
        foreach (var (entry, at) in set.StringItems("customerManagedPolicies"))
        {
            var match = CustomerPolicyPattern().Match(entry);
            if (!match.Success)
            {
                set.Context.Error(at, set.PathOf("customerManagedPolicies"), $"'{entry}' is not a policy name with an optional path",
                    "write the policy's name, or /path/Name; it must exist under that name in every assigned account.");
                continue;
            }

            var path = match.Groups["path"].Success ? match.Groups["path"].Value : "/";
            result.Add((path, match.Groups["name"].Value));
        }

        return result;
    }

    private static string? ParseBoundary(MappingReader set)
    {
        var boundary = set.String("permissionsBoundary");
        if (boundary is null)
        {
            return null;
        }

        if (boundary.StartsWith("arn:", StringComparison.Ordinal)
            ? !boundary.Contains(":iam::aws:policy/", StringComparison.Ordinal)
            : !CustomerPolicyPattern().IsMatch(boundary))
        {
            set.Error("permissionsBoundary", $"'{boundary}' is neither an AWS managed policy ARN nor a customer managed policy name",
                "write arn:aws:iam::aws:policy/... or the name (/path/Name) of a policy that exists in every assigned account.");
            return null;
        }

        return boundary;
    }

    private static AssignmentConfig? ParseAssignment(MappingReader a, HashSet<string> all, HashSet<string> valid, HashSet<string> triples)
    {
        var set = a.String("permissionSet", required: true, fix: "name one of identityCenter.permissionSets.");
        if (set is not null && !all.Contains(set))
        {
            var nearest = KeySuggester.Nearest(set, [.. all]);
            a.Error("permissionSet", $"there is no permission set named '{set}'", nearest is not null ? $"did you mean {nearest}?" : "declare it under identityCenter.permissionSets.");
            set = null;
        }

        var groups = Ids(a, "groups");
        var users = Ids(a, "users");
        if (!a.Has("groups") && !a.Has("users"))
        {
            a.Missing("groups", "list the Identity Center group IDs (or user IDs under users) that receive the permission set.");
        }

        var accounts = a.StringItems("accounts", required: true, fix: "list the 12-digit accounts the permission set is provisioned to.");
        var ok = set is not null && valid.Contains(set);
        foreach (var (account, at) in accounts.Where(x => !AccountPattern().IsMatch(x.Value)))
        {
            a.Context.Error(at, a.PathOf("accounts"), $"'{account}' is not a 12-digit AWS account ID", "write the account as 12 digits in quotes.");
            ok = false;
        }

        if (ok)
        {
            foreach (var principal in groups.Select(g => "GROUP:" + g).Concat(users.Select(u => "USER:" + u)))
            {
                foreach (var (account, at) in accounts)
                {
                    if (!triples.Add($"{set}|{principal}|{account}"))
                    {
                        a.Context.Error(at, a.PathOf("accounts"), $"{principal.ToLowerInvariant()} already has '{set}' in account {account}",
                            "assign each permission set once per principal and account.");
                        ok = false;
                    }
                }
            }
        }

        return ok && accounts.Count > 0 && groups.Count + users.Count > 0
            ? new AssignmentConfig(a.Path, set!, groups, users, [.. accounts.Select(x => x.Value)])
            : null;
    }

    private static List<string> Ids(MappingReader a, string key)
    {
        var ids = a.StringItems(key).ToList();
        if (a.Has(key) && ids.Count == 0)
        {
            a.Error(key, "the list is empty", "list at least one ID, or remove the key.");
        }

        foreach (var (id, at) in ids.Where(x => !PrincipalIdPattern().IsMatch(x.Value)))
        {
            a.Context.Error(at, a.PathOf(key), $"'{id}' is not an Identity Center {key[..^1]} ID",
                "copy the ID (not the display name) from the Identity Center console, e.g. 906747f0-b0e1-70f5-1b2a-7c1e2d3f4a5b.");
        }

        return [.. ids.Where(x => PrincipalIdPattern().IsMatch(x.Value)).Select(x => x.Value)];
    }

    /// <summary>Seconds as an ISO-8601 duration (PT#H#M#S), as SessionDuration wants it.</summary>
    internal static string ToIso(int seconds)
    {
        var text = "PT";
        if (seconds / 3600 > 0) text += string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}H");
        if (seconds % 3600 / 60 > 0) text += string.Create(CultureInfo.InvariantCulture, $"{seconds % 3600 / 60}M");
        if (seconds % 60 > 0) text += string.Create(CultureInfo.InvariantCulture, $"{seconds % 60}S");
        return text;
    }

    // InstanceArn, Name, RelayStateType, PrincipalId patterns: https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PermissionSet.html
    // and https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sso-assignment.html
    [GeneratedRegex(@"^arn:(aws|aws-cn|aws-us-gov):sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceArnPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-zA-Z0-9&$@#\\/%?=~\-_'""|!:,.;*+\[\] (){}]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RelayStatePattern();

    [GeneratedRegex(@"^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex PrincipalIdPattern();

    [GeneratedRegex(@"^(?<path>/([A-Za-z0-9_+=,.@-]+/)*)?(?<name>[A-Za-z0-9_+=,.@-]{1,128})$", RegexOptions.CultureInvariant)]
    private static partial Regex CustomerPolicyPattern();

    [GeneratedRegex(@"^[0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();
}
