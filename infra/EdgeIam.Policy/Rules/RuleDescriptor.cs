namespace EdgeIam.Policy.Rules;

/// <summary>A rule's stable identity: ID (never reused), title, severity, the one-line fix, and the AWS page behind it.</summary>
public sealed record RuleDescriptor(string Id, string Title, Severity Severity, string Fix, string HelpUri);
