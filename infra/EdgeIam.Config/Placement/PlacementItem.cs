namespace EdgeIam.Config.Placement;

/// <summary>
/// One unit synth may place in a nested template: a role with everything made for it alone (its inline policy, a
/// device-prefix policy), or a whole fleet (role, instance profile, security group, launch template, instances).
/// </summary>
/// <param name="Key">Stable identity in the lock file: <c>&lt;section&gt;/&lt;config name&gt;</c>, e.g. <c>oidc.roles/GitHubDeploy</c>.</param>
/// <param name="KeyPath">Where the item is in the stack file, e.g. <c>oidc.roles[3]</c>.</param>
/// <param name="InParent">What it adds to the top-level template.</param>
/// <param name="InShard">What it adds to a nested template (outputs differ: see <see cref="PlacementItems"/>).</param>
public sealed record PlacementItem(string Key, string KeyPath, TemplateCost InParent, TemplateCost InShard)
{
    public TemplateCost CostIn(int template) => template == 0 ? InParent : InShard;
}
