using System.Globalization;
using Amazon.CDK;
using Constructs;
using EdgeIam.Config.Naming;
using EdgeIam.Config.Placement;
using EdgeIam.Config.RolesAnywhere;
using EdgeIam.Infrastructure.Iam;

namespace EdgeIam.Infrastructure.RolesAnywhere;

/// <summary>
/// The <c>rolesAnywhere</c> section of a stack: one <see cref="TrustAnchor"/> per anchor, one <see cref="EdgeRole"/>
/// per role (trust locked to the anchors of its profiles), one <see cref="RolesAnywhereProfile"/> per profile, and a
/// stack output with the ARN of each, which <c>edgeiam device-config</c> turns into a device's AWS config.
/// </summary>
internal sealed class RolesAnywhereResources : Construct
{
    /// <summary>IAM role descriptions are at most 1000 characters.</summary>
    private const int MaxRoleDescription = 1000;

    public RolesAnywhereResources(Construct scope, string id, RolesAnywhereResourcesProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var config = props.Config;
        var stack = EdgeIamStack.Containing(this);

        var anchors = new Dictionary<string, TrustAnchor>(StringComparer.Ordinal);
        foreach (var anchor in config.TrustAnchors)
        {
            anchors[anchor.Name] = new TrustAnchor(this, ConstructIds.TrustAnchor(anchor.Name), new TrustAnchorProps(anchor));
            Output(ConstructIds.TrustAnchorOutput(anchor.Name), anchors[anchor.Name].Arn, $"ARN of the Roles Anywhere trust anchor '{anchor.Name}'");
        }

        var roles = new Dictionary<string, EdgeRole>(StringComparer.Ordinal);
        foreach (var role in config.Roles)
        {
            var trust = RolesAnywhereTrust.Statement([.. role.TrustAnchorNames.Select(a => anchors[a].Arn)], role.AllowedSubjects, role.AllowedIssuers);
            var key = PlacementItems.Key(PlacementItems.RolesAnywhereRoles, role.Name);
            var roleScope = stack.Shards.ScopeFor(this, key);
            roles[role.Name] = new EdgeRole(roleScope, ConstructIds.RolesAnywhereRole(role.Name), new EdgeRoleProps(role.KeyPath, role.Name, Describe(role, config), [trust], role.Access));
            if (role.DevicePrefix is { } prefix)
            {
                _ = new DevicePrefixPolicy(roleScope, ConstructIds.DevicePrefixPolicy(role.Name), new DevicePrefixPolicyProps(roles[role.Name].Role, prefix, stack.Config.Partition));
            }

            // A role in a shard has no stack output: 200 outputs per template would cap the roles of a split stack,
            // and its ARN follows from its name (device-config derives it).
            if (stack.Shards.IsTopLevel(key))
            {
                Output(ConstructIds.RoleOutput(role.Name), roles[role.Name].Role.RoleArn, $"ARN of the role '{role.Name}' (IAM Roles Anywhere)");
            }
        }

        foreach (var profile in config.Profiles)
        {
            var created = new RolesAnywhereProfile(this, ConstructIds.Profile(profile.Name),
                new RolesAnywhereProfileProps(profile, [.. profile.RoleNames.Select(r => roles[r].Role.RoleArn)]));
            Output(ConstructIds.ProfileOutput(profile.Name), created.Arn, $"ARN of the Roles Anywhere profile '{profile.Name}'");
        }
    }

    private void Output(string key, string value, string description)
    {
        var output = new CfnOutput(this, key, new CfnOutputProps { Value = value, Description = description });
        // Output keys are contract (read back by `edgeiam device-config`): no path prefix, no hash.
        output.OverrideLogicalId(key);
    }

    private static string Describe(RolesAnywhereRoleConfig role, RolesAnywhereConfig config)
    {
        var profiles = config.Profiles.Where(p => p.RoleNames.Contains(role.Name, StringComparer.Ordinal)).Select(p => p.Name);
        var subjects = role.AllowedSubjects.Count > 0 ? "certificate CN " + string.Join(", ", role.AllowedSubjects) : "any certificate";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"IAM Roles Anywhere: {subjects} from trust anchor(s) {string.Join(", ", role.TrustAnchorNames)} via profile(s) {string.Join(", ", profiles)}. Managed by EdgeIam.");
        return text.Length <= MaxRoleDescription ? text : text[..(MaxRoleDescription - 3)] + "...";
    }
}
