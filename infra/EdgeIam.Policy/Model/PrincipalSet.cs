namespace EdgeIam.Policy.Model;

/// <summary>A <c>Principal</c> or <c>NotPrincipal</c> element: <c>"*"</c> or a list of typed entries.</summary>
public sealed class PrincipalSet
{
    public PrincipalSet(bool isWildcard, IReadOnlyList<PrincipalEntry> entries, string jsonPath)
    {
        IsWildcard = isWildcard;
        Entries = entries;
        JsonPath = jsonPath;
    }

    /// <summary>True for <c>"Principal": "*"</c>: everyone, authenticated or not.</summary>
    public bool IsWildcard { get; }

    public IReadOnlyList<PrincipalEntry> Entries { get; }

    public string JsonPath { get; }

    /// <summary>True for <c>"*"</c> and for <c>{"AWS": "*"}</c>: any principal at all.</summary>
    public bool AllowsAnyone => IsWildcard || Entries.Any(e => e.Kind == PrincipalKind.Aws && e.Value == "*");
}
