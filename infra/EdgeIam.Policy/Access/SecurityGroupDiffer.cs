using System.Text.Json.Nodes;

namespace EdgeIam.Policy.Access;

/// <summary>
/// Security-group ingress, inline (<c>AWS::EC2::SecurityGroup</c> SecurityGroupIngress) and standalone
/// (<c>AWS::EC2::SecurityGroupIngress</c>): a rule the base did not cover (new, wider CIDR, wider port range, other
/// protocol) widens who reaches the fleet.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroupingress.html
/// </summary>
internal static class SecurityGroupDiffer
{
    private const string Area = "ingress";

    public static IEnumerable<AccessChange> Diff(string stack, RawStack before, RawStack after)
    {
        var b = Rules(before);
        var a = Rules(after);
        var labels = Labels(after).Concat(Labels(before)).DistinctBy(l => l.Key).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        string Label(string group) => labels.TryGetValue(group, out var label) ? label : group;

        foreach (var rule in a.Where(r => !b.Any(o => o.Covers(r))))
        {
            var comparable = b.FirstOrDefault(o => o.Group == rule.Group && o.Description == rule.Description && rule.Description is not null)
                ?? b.FirstOrDefault(o => o.Group == rule.Group && o.Source == rule.Source && o.Protocol == rule.Protocol);
            yield return comparable is null
                ? new AccessChange(stack, Label(rule.Group), Area, ChangeKind.Added, $"new ingress rule: {rule}", Details(rule))
                : new AccessChange(stack, Label(rule.Group), Area, ChangeKind.Widened, $"ingress {comparable} -> {rule}", Details(rule));
        }

        foreach (var rule in b.Where(r => !a.Any(o => o.Covers(r))))
        {
            var comparable = a.FirstOrDefault(o => o.Group == rule.Group && o.Description == rule.Description && rule.Description is not null)
                ?? a.FirstOrDefault(o => o.Group == rule.Group && o.Source == rule.Source && o.Protocol == rule.Protocol);
            yield return comparable is null
                ? new AccessChange(stack, Label(rule.Group), Area, ChangeKind.Removed, $"ingress rule removed: {rule}", Details(rule))
                : new AccessChange(stack, Label(rule.Group), Area, ChangeKind.Narrowed, $"ingress {rule} -> {comparable}", Details(comparable));
        }
    }

    private static List<string> Details(IngressRule rule) => rule.Description is null ? [] : [$"rule \"{rule.Description}\""];

    private static List<IngressRule> Rules(RawStack stack)
    {
        var rules = new List<IngressRule>();
        foreach (var (id, resource) in stack.OfType("AWS::EC2::SecurityGroup"))
        {
            rules.AddRange(TemplateNode.Items(TemplateNode.Get(resource["Properties"], "SecurityGroupIngress")).Select(r => IngressRule.From(id, r)));
        }

        foreach (var (_, resource) in stack.OfType("AWS::EC2::SecurityGroupIngress"))
        {
            var properties = resource["Properties"];
            rules.Add(IngressRule.From(GroupOf(TemplateNode.Get(properties, "GroupId") ?? TemplateNode.Get(properties, "GroupName")), properties));
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
