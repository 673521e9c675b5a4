namespace EdgeIam.Policy.Templates;

/// <summary>An IAM Roles Anywhere trust anchor (<c>AWS::RolesAnywhere::TrustAnchor</c>).</summary>
public sealed record TrustAnchorResource(string LogicalId, string? Name, string? SourceType, bool Enabled, string JsonPath)
{
    /// <summary>The symbol a trust policy uses to name this anchor.</summary>
    public string ArnSymbol => SymbolicValue.GetAtt(LogicalId, "TrustAnchorArn");

    /// <summary>The anchor's name in the stack file (Metadata <c>edgeiam:trustAnchor</c>), when the template says.</summary>
    internal string? ConfigName { get; init; }

    /// <summary>Whether this anchor is the one the stack file calls <paramref name="name"/> (its config name, else its Name or logical ID).</summary>
    internal bool IsNamed(string name) => ConfigName is not null ? ConfigName == name : Name == name || LogicalId == name;
}
