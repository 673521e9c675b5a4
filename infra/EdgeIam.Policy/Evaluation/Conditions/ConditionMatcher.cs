namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>
/// One operator family's comparison of a single request value against all policy values of a clause (ORed).
/// Negation, missing keys and set qualifiers are handled once, in <see cref="CompiledCondition"/>.
/// </summary>
internal abstract class ConditionMatcher
{
    public abstract ValueMatch MatchAny(string requestValue, RequestContext context);

    /// <summary>Shared loop for families whose policy values are parsed once: Match on the first hit.</summary>
    protected static ValueMatch AnyOf<T>(T[] policyValues, Func<T, bool> matches)
    {
        foreach (var value in policyValues)
        {
            if (matches(value))
            {
                return ValueMatch.Match;
            }
        }

        return ValueMatch.NoMatch;
    }
}
