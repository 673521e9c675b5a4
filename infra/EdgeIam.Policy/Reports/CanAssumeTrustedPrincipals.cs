using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Reports;

/// <summary>Whom one trust statement names, shown when no statement names the caller.</summary>
public sealed record CanAssumeTrustedPrincipals
{
    public required string Effect { get; init; }

    public required string Label { get; init; }

    public required string JsonPath { get; init; }

    /// <summary><c>Kind:value</c> per entry, <c>*</c> for a wildcard principal; empty when the statement has none.</summary>
    public required IReadOnlyList<string> Principals { get; init; }

    internal static CanAssumeTrustedPrincipals From(Statement statement) => new()
    {
        Effect = statement.Effect.ToString(),
        Label = statement.Label,
        JsonPath = statement.JsonPath,
        Principals = statement.Principal is null ? []
            : statement.Principal.IsWildcard ? ["*"]
            : [.. statement.Principal.Entries.Select(e => $"{e.Kind}:{e.Value}")],
    };
}
