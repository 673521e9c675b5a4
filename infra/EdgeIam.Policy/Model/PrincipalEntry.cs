namespace EdgeIam.Policy.Model;

/// <summary>One value of a <c>Principal</c> block, e.g. <c>Service: ec2.amazonaws.com</c>.</summary>
public sealed record PrincipalEntry(PrincipalKind Kind, string Value, string JsonPath);
