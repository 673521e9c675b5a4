namespace EdgeIam.Policy.Templates;

/// <summary>An <c>AWS::EC2::Instance</c> and the launch template (of this template) it starts from, if any.</summary>
internal sealed record InstanceResource(string LogicalId, string? LaunchTemplateLogicalId, MetadataOptions? Metadata, string JsonPath);
