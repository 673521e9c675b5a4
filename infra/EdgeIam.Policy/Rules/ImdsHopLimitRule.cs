using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-IMDS-002: a hop limit above 2 lets metadata responses travel past a container bridge into further network
/// hops; 1 is for hosts, 2 for containers (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-options.html).
/// </summary>
internal sealed class ImdsHopLimitRule : PolicyRule
{
    public const int MaximumHops = 2;

    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-IMDS-002",
        "Metadata hop limit above 2",
        Severity.Error,
        "Set MetadataOptions.HttpPutResponseHopLimit to 1 (or 2 for containers).",
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-options.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        var options = stack.LaunchTemplates.Select(t => (t.LogicalId, t.Metadata))
            .Concat(stack.Instances.Select(i => (i.LogicalId, i.Metadata)));
        foreach (var (logicalId, metadata) in options)
        {
            if (metadata?.HopLimit is > MaximumHops)
            {
                yield return For(stack, logicalId, metadata.JsonPath,
                    $"{logicalId} allows {metadata.HopLimit} metadata hops (at most {MaximumHops}).");
            }
        }
    }
}
