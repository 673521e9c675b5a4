namespace EdgeIam.Policy.Reference;

/// <summary>
/// An action pattern split at its colon. Well-formed means <c>*</c> (any run of stars) or exactly one colon with
/// something on each side (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html);
/// what the parts may contain is the reference's business, so a stray character makes an unknown action, not a
/// malformed one.
/// </summary>
internal readonly record struct ActionPatternParts(string Prefix, string Name, bool IsEverything)
{
    public bool PrefixHasWildcard => HasWildcards(Prefix);

    public bool HasWildcard => IsEverything || PrefixHasWildcard || HasWildcards(Name);

    public static ActionPatternParts? Parse(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return null;
        }

        if (IsStars(pattern))
        {
            return new ActionPatternParts("*", "*", true);
        }

        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == pattern.Length - 1 || pattern.IndexOf(':', colon + 1) >= 0)
        {
            return null;
        }

        var prefix = pattern[..colon];
        var name = pattern[(colon + 1)..];
        return new ActionPatternParts(prefix, name, IsStars(prefix) && IsStars(name));
    }

    public static bool HasWildcards(string value) => value.AsSpan().IndexOfAny('*', '?') >= 0;

    private static bool IsStars(string value) => value.AsSpan().IndexOfAnyExcept('*') < 0;
}
