using System.Text.RegularExpressions;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Stack;

/// <summary>Parses the top level of a stack file and hands each section to its own parser.</summary>
internal static partial class StackFileParser
{
    internal static readonly KeySet Keys = new(
        "",
        "account",
        "region",
        "protect",
        "tags",
        "permissionsBoundary",
        PermissionsBoundaryDocumentParser.Key,
        "network",
        "edgeFleets",
        "oidc",
        "crossAccount",
        "rolesAnywhere",
        "quotas",
        "serviceRoles",
        "saml",
        "identityCenter",
        TargetsParser.Key);

    /// <param name="target">The <c>targets:</c> entry this document was merged for (its account, region and
    /// overrides are already in <paramref name="root"/>); null for a stack file without <c>targets</c>.</param>
    public static StackConfig? Parse(MappingReader root, string stackName, StackTarget? target = null)
    {
        var account = root.Matching("account", AccountPattern(), AccountWhat, AccountFix, required: true);
        var region = ParseRegion(root);
        var protect = root.Bool("protect", defaultValue: false);
        var quotas = AccountQuotasParser.Parse(root);
        var tags = TagRules.Parse(root, "tags");
        var boundary = ParsePermissionsBoundary(root, account, region);
        var boundaryDocument = PermissionsBoundaryDocumentParser.Parse(root, boundary);
        var (network, wavelengthZones) = Network.NetworkParser.Parse(root, region);
        var edgeFleets = Compute.EdgeFleetParser.Parse(root, wavelengthZones, region, tags, quotas);
        var federation = Federation.FederationParser.Parse(root, account, region);
        var rolesAnywhere = root.Section("rolesAnywhere", RolesAnywhere.RolesAnywhereParser.Keys, s => RolesAnywhere.RolesAnywhereParser.Parse(s, region));

        var identity = Identity.IdentitySections.Parse(root, account, region);

        if (account is null || region is null)
        {
            return null;
        }

        var stack = new StackConfig
        {
            Name = stackName,
            SourceFile = root.Context.File,
            Account = account,
            Region = region,
            Protect = protect,
            Tags = tags,
            PermissionsBoundary = boundary,
            PermissionsBoundaryDocument = boundaryDocument,
            Network = network,
            EdgeFleets = edgeFleets,
            Oidc = federation.Oidc,
            CrossAccount = federation.CrossAccount,
            RolesAnywhere = rolesAnywhere,
            Quotas = quotas,
            ServiceRoles = identity.ServiceRoles,
            Saml = identity.Saml,
            IdentityCenter = identity.IdentityCenter,
            Positions = root.Context.Positions,
            Target = target,
        };
        RoleNames.Check(root, stack);
        Naming.StackConstructIds.Check(root, stack);
        return stack;
    }

    /// <summary>The region under <c>region</c> of <paramref name="root"/> (the top level or a target), checked against the known regions.</summary>
    internal static string? ParseRegion(MappingReader root, bool required = true)
    {
        var region = root.String("region", required, fix: "add `region:` with an AWS region name, e.g. us-east-1.");
        if (region is null || AwsRegions.IsKnown(region))
        {
            return region;
        }

        var nearest = KeySuggester.Nearest(region, AwsRegions.All);
        root.Error("region", $"'{region}' is not an AWS region",
            nearest is not null ? $"did you mean {nearest}?" : "use a region name such as us-east-1 or eu-west-2.");
        return null;
    }

    private static string? ParsePermissionsBoundary(MappingReader root, string? account, string? region)
    {
        var arn = root.String("permissionsBoundary");
        if (arn is null)
        {
            return null;
        }

        var match = ManagedPolicyArnPattern().Match(arn);
        const string fix = "use a managed-policy ARN, e.g. arn:aws:iam::111111111111:policy/EdgeBoundary.";
        if (!match.Success)
        {
            root.Error("permissionsBoundary", $"'{arn}' is not an IAM managed-policy ARN", fix);
            return null;
        }

        // A customer-managed policy only exists in its own account, so a boundary from another account cannot attach.
        var owner = match.Groups["account"].Value;
        if (account is not null && owner != "aws" && owner != account)
        {
            root.Error("permissionsBoundary", $"policy belongs to account {owner}, but the stack deploys to {account}",
                $"use a policy of account {account} (or an AWS managed policy, arn:aws:iam::aws:policy/...).");
            return null;
        }

        var partition = match.Groups["partition"].Value;
        if (region is not null && partition != AwsRegions.PartitionOf(region))
        {
            root.Error("permissionsBoundary", $"ARN partition '{partition}' does not match region {region}",
                $"use arn:{AwsRegions.PartitionOf(region)}:iam::... for this region.");
            return null;
        }

        return arn;
    }

    internal const string AccountWhat = "a 12-digit AWS account ID";

    internal const string AccountFix = "write the account as 12 digits in quotes, e.g. account: \"111111111111\".";

    [GeneratedRegex(@"^[0-9]{12}$", RegexOptions.CultureInvariant)]
    internal static partial Regex AccountPattern();

    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):iam::(?<account>[0-9]{12}|aws):policy/[A-Za-z0-9_+=,.@/-]{1,512}$", RegexOptions.CultureInvariant)]
    private static partial Regex ManagedPolicyArnPattern();
}
