namespace EdgeIam.Policy.Templates;

/// <summary>Any other resource a rule cares about (IAM users, access keys), by logical ID and type.</summary>
internal sealed record TemplateResource(string LogicalId, string Type, string JsonPath);
