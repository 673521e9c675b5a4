namespace EdgeIam.Policy.Templates;

/// <summary>An <c>AWS::EC2::LaunchTemplate</c>; <see cref="Metadata"/> is null when it sets no MetadataOptions.</summary>
public sealed record LaunchTemplateResource(string LogicalId, string? Name, MetadataOptions? Metadata, string JsonPath);
