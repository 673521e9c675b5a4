namespace EdgeIam.Policy.Templates;

/// <summary>
/// An <c>AWS::EC2::LaunchTemplate</c> or <c>AWS::AutoScaling::LaunchConfiguration</c> (<see cref="Type"/>);
/// <see cref="Metadata"/> is null when it sets no MetadataOptions.
/// </summary>
internal sealed record LaunchTemplateResource(string LogicalId, string? Name, MetadataOptions? Metadata, string JsonPath)
{
    public const string LaunchTemplateType = "AWS::EC2::LaunchTemplate";
    public const string LaunchConfigurationType = "AWS::AutoScaling::LaunchConfiguration";

    public string Type { get; init; } = LaunchTemplateType;

    /// <summary>"Launch template" or "Launch configuration", for messages.</summary>
    public string Kind => Type == LaunchConfigurationType ? "Launch configuration" : "Launch template";
}
