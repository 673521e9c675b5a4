using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-IMDS-001: with IMDSv1 allowed, an SSRF in any workload on the instance can read the role's credentials
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html). A launch
/// configuration without HttpTokens gets "optional"
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-autoscaling-launchconfiguration-metadataoptions.html).
/// </summary>
internal sealed class ImdsV2RequiredRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-IMDS-001",
        "Launch template, launch configuration or instance does not require IMDSv2 (HttpTokens=required)",
        Severity.Error,
        "Set MetadataOptions.HttpTokens to \"required\" (LaunchTemplateData.MetadataOptions in a launch template) and launch instances from it.",
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var template in stack.LaunchTemplates.Where(t => t.Metadata is not { RequiresTokens: true }))
        {
            var tokens = template.Metadata?.HttpTokens;
            yield return For(stack, template.LogicalId, template.Metadata?.JsonPath ?? template.JsonPath,
                tokens is null
                    ? $"{template.Kind} {template.LogicalId} sets no HttpTokens, so IMDSv1 stays available."
                    : $"{template.Kind} {template.LogicalId} has HttpTokens \"{tokens}\"; IMDSv1 stays available.");
        }

        var templates = stack.LaunchTemplates.Select(t => t.LogicalId).ToHashSet(StringComparer.Ordinal);
        foreach (var instance in stack.Instances)
        {
            // An instance launched from a template of this stack is covered by the template's own finding.
            if (instance.Metadata is { RequiresTokens: true } || (instance.LaunchTemplateLogicalId is { } lt && templates.Contains(lt)))
            {
                continue;
            }

            yield return For(stack, instance.LogicalId, instance.JsonPath,
                $"Instance {instance.LogicalId} is not launched from a launch template of this stack that requires IMDSv2.");
        }
    }
}
