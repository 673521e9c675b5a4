namespace EdgeIam.Policy.Reference;

/// <summary>
/// What the Service Authorization Reference says about one <c>Action</c>/<c>NotAction</c> value.
/// </summary>
/// <param name="Pattern">The value as written.</param>
/// <param name="IsWellFormed"><c>*</c>, or <c>service:action</c> with both parts non-empty and one colon.</param>
/// <param name="MatchCount">How many actions of the reference the pattern names (0 when unknown).</param>
/// <param name="Message">Null when the pattern names at least one action; otherwise what is wrong, with a did-you-mean.</param>
/// <param name="Fix">Null when <paramref name="Message"/> is; otherwise the one-line fix.</param>
/// <param name="Suggestions">Nearest known patterns (at most three, best first); empty when none is close.</param>
public sealed record ActionPatternCheck(
    string Pattern,
    bool IsWellFormed,
    int MatchCount,
    string? Message,
    string? Fix,
    IReadOnlyList<string> Suggestions)
{
    /// <summary>True when the pattern names at least one action AWS documents.</summary>
    public bool IsKnown => MatchCount > 0;
}
