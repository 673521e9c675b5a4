using System.Globalization;
using System.Text.RegularExpressions;
using EdgeIam.Config.Iam;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Federation;

/// <summary>
/// Parses <c>crossAccount[]</c>. Every role demands an external ID: the guard against the confused deputy, where a
/// third party that serves many customers is tricked into using its access to your account on someone else's behalf
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).
/// </summary>
internal static partial class CrossAccountParser
{
    internal static readonly KeySet Keys = new(
        "crossAccount[]",
        ["name", "trustedAccounts", "trustedPrincipals", "externalId", "requireMfa", "requireOrgId", "allowSessionTags", "allowSourceIdentity",
            .. RoleAccessParser.Keys]);

    /// <summary>sts:AssumeRole ExternalId: 2 to 1224 characters of <c>[\w+=,.@:/-]</c> (letters, digits, underscore
    /// and +=,.@:/-; no spaces). https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html</summary>
    public const int MinExternalIdLength = 2;

    public const int MaxExternalIdLength = 1224;

    public static CrossAccountRoleConfig? Parse(MappingReader role, string? account, string? partition, IamRoleNames names)
    {
        var name = names.Read(role);
        var accounts = ParseAccounts(role, account);
        var principals = ParsePrincipals(role, account, partition);
        var externalId = ParseExternalId(role);
        var requireMfa = role.Bool("requireMfa", defaultValue: false);
        var orgId = role.Matching("requireOrgId", OrgIdPattern(), "an AWS Organizations ID (o- and 10 to 32 lower-case letters or digits)",
            "copy the ID from the Organizations console, e.g. requireOrgId: o-a1b2c3d4e5.");
        var sessionTags = role.Bool("allowSessionTags", defaultValue: false);
        var sourceIdentity = role.Bool("allowSourceIdentity", defaultValue: false);
        var access = RoleAccessParser.Parse(role);

        var bothGiven = role.Has("trustedAccounts") && role.Has("trustedPrincipals");
        if (bothGiven)
        {
            role.Error("trustedPrincipals", "a role trusts either whole accounts or specific roles, not both (an account already includes its roles)",
                "keep trustedPrincipals (preferred: only those roles may call) and remove trustedAccounts, or split into two roles.");
        }
        else if (!role.Has("trustedAccounts") && !role.Has("trustedPrincipals"))
        {
            role.Missing("trustedPrincipals", "list the caller roles, e.g. trustedPrincipals: [\"arn:aws:iam::222222222222:role/Auditor\"], or whole accounts with trustedAccounts.");
        }

        if (name is null || accounts is null || principals is null || externalId is null || bothGiven
            || accounts.Count + principals.Count == 0 || (role.Has("requireOrgId") && orgId is null))
        {
            return null;
        }

        return new CrossAccountRoleConfig(name, role.Path, accounts, principals, externalId, requireMfa, orgId, sessionTags, sourceIdentity, access);
    }

    private static List<string>? ParseAccounts(MappingReader role, string? ownAccount)
    {
        var accounts = role.Strings("trustedAccounts").ToList();
        var ok = true;
        if (role.Has("trustedAccounts") && accounts.Count == 0)
        {
            ok = Fail(role, "trustedAccounts", "the list is empty", "list at least one 12-digit account ID, or use trustedPrincipals.");
        }

        for (var i = 0; i < accounts.Count; i++)
        {
            var trusted = accounts[i];
            var path = role.ItemPath("trustedAccounts", i);
            if (!AccountPattern().IsMatch(trusted))
            {
                role.Context.Error(YamlNodes.Item(role.Value("trustedAccounts"), i), path, $"'{trusted}' is not a 12-digit AWS account ID",
                    "write the account as 12 digits in quotes, e.g. \"222222222222\".");
                ok = false;
            }
            else if (trusted == ownAccount)
            {
                role.Context.Error(YamlNodes.Item(role.Value("trustedAccounts"), i), path, $"account {trusted} is this stack's own account; crossAccount is for other accounts",
                    "grant your own principals access with identity policies, or trust them in the section that owns them.");
                ok = false;
            }
            else if (accounts.Take(i).Contains(trusted, StringComparer.Ordinal))
            {
                role.Context.Error(YamlNodes.Item(role.Value("trustedAccounts"), i), path, $"account {trusted} is listed twice", "list each account once.");
                ok = false;
            }
        }

        return ok ? accounts : null;
    }

    private static List<string>? ParsePrincipals(MappingReader role, string? ownAccount, string? partition)
    {
        var principals = role.Strings("trustedPrincipals").ToList();
        var ok = true;
        if (role.Has("trustedPrincipals") && principals.Count == 0)
        {
            ok = Fail(role, "trustedPrincipals", "the list is empty", "list at least one role ARN, e.g. arn:aws:iam::222222222222:role/Auditor.");
        }

        for (var i = 0; i < principals.Count; i++)
        {
            var arn = principals[i];
            var match = RoleArnPattern().Match(arn);
            string? problem = null;
            var fix = "write a role ARN, e.g. arn:aws:iam::222222222222:role/Auditor.";
            if (arn.EndsWith(":root", StringComparison.Ordinal))
            {
                problem = $"'{arn}' trusts a whole account";
                fix = "list the account under trustedAccounts, or better, name the caller roles here.";
            }
            else if (!match.Success)
            {
                problem = $"'{arn}' is not an IAM role ARN (wildcards are not allowed in principals)";
            }
            else if (match.Groups["account"].Value == ownAccount)
            {
                problem = $"'{arn}' is in this stack's own account; crossAccount is for other accounts";
                fix = "grant your own principals access with identity policies instead.";
            }
            else if (partition is not null && match.Groups["partition"].Value != partition)
            {
                problem = $"'{arn}' is in partition '{match.Groups["partition"].Value}', but this stack deploys to '{partition}'";
                fix = $"use arn:{partition}:iam::... (roles cannot be trusted across partitions).";
            }
            else if (principals.Take(i).Contains(arn, StringComparer.Ordinal))
            {
                problem = $"'{arn}' is listed twice";
                fix = "list each principal once.";
            }

            if (problem is not null)
            {
                role.Context.Error(YamlNodes.Item(role.Value("trustedPrincipals"), i), role.ItemPath("trustedPrincipals", i), problem, fix);
                ok = false;
            }
        }

        return ok ? principals : null;
    }

    private static string? ParseExternalId(MappingReader role)
    {
        const string fix = "use the external ID the trusted party gave you (unique to your account): 2 to 1224 letters, digits or _+=,.@:/- (no spaces).";
        var externalId = role.String("externalId", required: true,
            fix: "add the external ID the trusted party gave you, e.g. externalId: edge-audit-7f3c2a. Without it any principal the partner runs for its other customers could be pointed at this role (confused deputy).");
        if (externalId is null)
        {
            return null;
        }

        if (externalId.Length is < MinExternalIdLength or > MaxExternalIdLength)
        {
            role.Error("externalId", string.Create(CultureInfo.InvariantCulture,
                $"the external ID is {externalId.Length} character(s); STS accepts {MinExternalIdLength} to {MaxExternalIdLength}"), fix);
            return null;
        }

        var bad = externalId.Where(c => !IsExternalIdCharacter(c)).Distinct().ToList();
        if (bad.Count > 0)
        {
            var shown = string.Join(" ", bad.Select(c => c == ' ' ? "' ' (space)" : $"'{c}'"));
            role.Error("externalId", $"the external ID contains {shown}, which STS does not accept", fix);
            return null;
        }

        return externalId;
    }

    private static bool IsExternalIdCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || "_+=,.@:/-".Contains(c, StringComparison.Ordinal);

    private static bool Fail(MappingReader role, string key, string message, string fix)
    {
        role.Error(key, message, fix);
        return false;
    }

    [GeneratedRegex(@"^[0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();

    // Role ARN with optional path: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):iam::(?<account>[0-9]{12}):role/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^o-[a-z0-9]{10,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex OrgIdPattern();
}
