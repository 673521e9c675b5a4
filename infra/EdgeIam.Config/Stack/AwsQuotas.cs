namespace EdgeIam.Config.Stack;

/// <summary>The AWS quotas EdgeIam checks across stack files, with their pages.</summary>
public static class AwsQuotas
{
    /// <summary>IAM's quota tables: "Roles per account" 1,000, automatically approved up to 5,000; "Instance profiles per
    /// account" 1,000 up to 5,000; "OpenId connect providers per account" 100 up to 700. IAM is global: per account.</summary>
    public const string IamPage = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entities";

    /// <summary>IAM Roles Anywhere quotas, each per Region: trust anchors 50 and profiles 250, both adjustable (no maximum stated).</summary>
    public const string RolesAnywherePage = "https://docs.aws.amazon.com/rolesanywhere/latest/userguide/quotas.html";

    /// <summary>CreateProfile/UpdateProfile: roleArns holds at most 250 items, an API limit that no quota request changes.</summary>
    public const string RolesAnywhereProfileApiPage = "https://docs.aws.amazon.com/rolesanywhere/latest/APIReference/API_CreateProfile.html";

    /// <summary>CloudFormation quotas: "Stacks", 2,000 per account and Region; request an increase (no maximum stated).</summary>
    public const string CloudFormationPage = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html";

    public static AwsQuota IamRoles { get; } = new("iamRolesPerAccount", "Roles per account", "IAM roles", 1000, 5000, QuotaScope.Account, IamPage);

    public static AwsQuota InstanceProfiles { get; } = new("instanceProfilesPerAccount", "Instance profiles per account", "IAM instance profiles", 1000, 5000, QuotaScope.Account, IamPage);

    public static AwsQuota OidcProviders { get; } = new("oidcProvidersPerAccount", "OpenId connect providers per account", "IAM OIDC providers", 100, 700, QuotaScope.Account, IamPage);

    public static AwsQuota TrustAnchors { get; } = new("rolesAnywhereTrustAnchorsPerRegion", "Trust anchors", "Roles Anywhere trust anchors", 50, null, QuotaScope.Region, RolesAnywherePage);

    public static AwsQuota Profiles { get; } = new("rolesAnywhereProfilesPerRegion", "Profiles", "Roles Anywhere profiles", 250, null, QuotaScope.Region, RolesAnywherePage);

    public static AwsQuota Stacks { get; } = new("cloudFormationStacksPerRegion", "Stacks", "CloudFormation stacks", 2000, null, QuotaScope.Region, CloudFormationPage);

    /// <summary>Not a quota of the account: the API refuses a profile of more than 250 roles.</summary>
    public static AwsQuota RolesPerProfile { get; } = new(null, "roleArns per profile (API limit)", "roles", 250, 250, QuotaScope.Region, RolesAnywhereProfileApiPage);

    /// <summary>The quotas a stack file may declare under <c>quotas:</c>, besides <c>securityGroupRulesPerGroup</c>.</summary>
    public static IReadOnlyList<AwsQuota> Declarable { get; } = [IamRoles, InstanceProfiles, OidcProviders, TrustAnchors, Profiles, Stacks];

    /// <summary>The largest value accepted for a quota AWS states no maximum for (a sanity bound, not AWS's).</summary>
    public const int UnstatedMax = 1_000_000;
}
