namespace EdgeIam.Config.Federation;

/// <summary>Why a value breaks a federation rule, and how to fix it.</summary>
public sealed record RuleViolation(string Message, string Fix);
