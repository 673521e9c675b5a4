using System.Text.Json.Nodes;

namespace EdgeIam.Policy.Access;

/// <summary>
/// Security-group ingress and egress, inline (<c>AWS::EC2::SecurityGroup</c> SecurityGroupIngress/Egress) and
/// standalone (<c>AWS::EC2::SecurityGroupIngress</c>/<c>Egress</c>): a rule the base did not cover (new, wider CIDR,
/// wider port range, other protocol) widens who reaches the fleet, or where the fleet can send (a leak path for
/// its credentials). A group without egress in the template has AWS's default, all traffic to 0.0.0.0/0.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroupingress.html,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroupegress.html
/// </summary>
internal static class SecurityGroupDiffer
{
    public static IEnumerable<AccessChange> Diff(string stack, RawStack before, RawStack after)
    {
        var b = Rules(before);
        var a = Rules(after);
        var labels = Labels(after).Concat(Labels(before)).DistinctBy(l => l.Key).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        string Label(string group) => labels.TryGetValue(group, out var label) ? label : group;

        foreach (var rule in a.Where(r => !b.Any(o => o.Covers(r))))
        {
            var comparable = b.FirstOrDefault(o => o.Group == rule.Group && o.Egress == rule.Egress && o.Description == rule.Description && rule.Description is not null)
                ?? b.FirstOrDefault(o => o.Group == rule.Group && o.Egress == rule.Egress && o.Source == rule.Source && o.Protocol == rule.Protocol);
            yield return comparable is null
                ? new AccessChange(stack, Label(rule.Group), Area(rule), ChangeKind.Added, $"new {Area(rule)} rule: {rule}", Details(rule))
                : new AccessChange(stack, Label(rule.Group), Area(rule), ChangeKind.Widened, $"{Area(rule)} {comparable} -> {rule}", Details(rule));
        }

        foreach (var rule in b.Where(r => !a.Any(o => o.Covers(r))))
        {
            var comparable = a.FirstOrDefault(o => o.Group == rule.Group && o.Egress == rule.Egress && o.Description == rule.Description && rule.Description is not null)
                ?? a.FirstOrDefault(o => o.Group == rule.Group && o.Egress == rule.Egress && o.Source == rule.Source && o.Protocol == rule.Protocol);
            yield return comparable is null
                ? new AccessChange(stack, Label(rule.Group), Area(rule), ChangeKind.Removed, $"{Area(rule)} rule removed: {rule}", Details(rule))
                : new AccessChange(stack, Label(rule.Group), Area(rule), ChangeKind.Narrowed, $"{Area(rule)} {rule} -> {comparable}", Details(comparable));
        }
    }

    private static string Area(SecurityGroupRule rule) => rule.Egress ? "egress" : "ingress";

    private static List<string> Details(SecurityGroupRule rule) => rule.Description is null ? [] : [$"rule \"{rule.Description}\""];

    private static List<SecurityGroupRule> Rules(RawStack stack)
    {
        var rules = new List<SecurityGroupRule>();
        var egressGroups = stack.OfType("AWS::EC2::SecurityGroupEgress").Select(r => GroupOf(TemplateNode.Get(r.Resource["Properties"], "GroupId"))).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, resource) in stack.OfType("AWS::EC2::SecurityGroup"))
        {
            rules.AddRange(TemplateNode.Items(TemplateNode.Get(resource["Properties"], "SecurityGroupIngress")).Select(r => SecurityGroupRule.From(id, r)));
            var egress = TemplateNode.Get(resource["Properties"], "SecurityGroupEgress");
            rules.AddRange(TemplateNode.Items(egress).Select(r => SecurityGroupRule.From(id, r, egress: true)));
            if (egress is null && !egressGroups.Contains(id))
            {
                rules.Add(SecurityGroupRule.DefaultEgress(id));
            }
        }

        foreach (var (_, resource) in stack.OfType("AWS::EC2::SecurityGroupIngress"))
        {
            var properties = resource["Properties"];
            rules.Add(SecurityGroupRule.From(GroupOf(TemplateNode.Get(properties, "GroupId") ?? TemplateNode.Get(properties, "GroupName")), properties));
        }

        foreach (var (_, resource) in stack.OfType("AWS::EC2::SecurityGroupEgress"))
        {
            var properties = resource["Properties"];
            rules.Add(SecurityGroupRule.From(GroupOf(TemplateNode.Get(properties, "GroupId")), properties, egress: true));
        }

        return rules;
    }

    /// <summary>The logical ID of a group of this template (Ref / GetAtt GroupId), else the reference's canonical text.</summary>
    private static string GroupOf(JsonNode? reference) =>
        TemplateNode.Literal(TemplateNode.Get(reference, "Ref"))
        ?? (TemplateNode.Get(reference, "Fn::GetAtt") is JsonArray att && att.Count > 0 ? TemplateNode.Literal(att[0]) : null)
        ?? TemplateNode.Literal(reference)
        ?? TemplateNode.Canonical(reference);

    private static IEnumerable<KeyValuePair<string, string>> Labels(RawStack stack) =>
        stack.OfType("AWS::EC2::SecurityGroup").Select(r => KeyValuePair.Create(r.LogicalId, TemplateNode.Label(r.LogicalId, r.Resource, "GroupName")));
}
