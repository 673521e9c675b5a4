namespace EdgeIam.Policy.Rules;

/// <summary>One rule violation, located by stack, resource and JSON path in the template.</summary>
public sealed record Finding(
    RuleDescriptor Rule,
    string Stack,
    string TemplateFile,
    string ResourceLogicalId,
    string? RoleName,
    string JsonPath,
    string Message)
{
    public Severity Severity => Rule.Severity;

    /// <summary>For a failed access assertion: where the assertion is written (the SARIF primary location).</summary>
    internal Reports.StackFileLine? SourceLine { get; init; }

    /// <summary>For a failed access assertion: its ID.</summary>
    internal string? AssertionId { get; init; }

    /// <summary>The role's display name (config name and logical ID), or the resource's logical ID.</summary>
    public string Subject => RoleName is null ? ResourceLogicalId : $"{RoleName} ({ResourceLogicalId})";
}
