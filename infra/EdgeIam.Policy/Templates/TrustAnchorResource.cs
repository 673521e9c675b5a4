namespace EdgeIam.Policy.Templates;

/// <summary>An IAM Roles Anywhere trust anchor (<c>AWS::RolesAnywhere::TrustAnchor</c>).</summary>
public sealed record TrustAnchorResource(string LogicalId, string? Name, string? SourceType, bool Enabled, string JsonPath)
{
    /// <summary>The symbol a trust policy uses to name this anchor.</summary>
    public string ArnSymbol => SymbolicValue.GetAtt(LogicalId, "TrustAnchorArn");
}
