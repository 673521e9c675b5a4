namespace EdgeIam.Policy.Model;

/// <summary>One statement of a policy document, with the JSON path it was read from.</summary>
public sealed record Statement
{
    public string? Sid { get; init; }

    public required Effect Effect { get; init; }

    public PrincipalSet? Principal { get; init; }

    public PrincipalSet? NotPrincipal { get; init; }

    public ValueList? Action { get; init; }

    public ValueList? NotAction { get; init; }

    public ValueList? Resource { get; init; }

    public ValueList? NotResource { get; init; }

    public IReadOnlyList<ConditionClause> Conditions { get; init; } = [];

    /// <summary>Position in the document's statement list.</summary>
    public required int Index { get; init; }

    public required string JsonPath { get; init; }

    /// <summary>Sid when present, otherwise the position, e.g. <c>Statement[1]</c>.</summary>
    public string Label => Sid is { Length: > 0 } ? Sid : $"Statement[{Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";

    /// <summary>All clauses on one condition key (case-insensitive).</summary>
    public IEnumerable<ConditionClause> ConditionsOn(string key) =>
        Conditions.Where(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));
}
