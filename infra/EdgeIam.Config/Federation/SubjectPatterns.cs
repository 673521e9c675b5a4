namespace EdgeIam.Config.Federation;

/// <summary>IAM <c>StringLike</c> wildcards: <c>*</c> (any run of characters) and <c>?</c> (one character).</summary>
public static class SubjectPatterns
{
    public static bool IsPattern(string value) => value.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>True when the value is nothing but wildcards (<c>*</c>, <c>**</c>, <c>?*</c>): it matches any subject.</summary>
    public static bool IsOnlyWildcards(string value) => value.Length > 0 && value.All(c => c is '*' or '?');
}
