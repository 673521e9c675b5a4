using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Access;

/// <summary>
/// Whether a base grant allows everything a head grant allows: head actions and resources within the base's, and every
/// base condition still present in the head at least as tight. Differences are put in words for the diff.
/// </summary>
internal static class GrantCoverage
{
    public static bool ActionsCovered(IReadOnlyList<string> baseActions, bool baseNot, IReadOnlyList<string> headActions, bool headNot) =>
        (baseNot, headNot) switch
        {
            (false, false) => PatternCoverage.CoversAll(baseActions, true, headActions, true, ignoreCase: true),
            // NotAction X covers NotAction Y when Y excludes at least X.
            (true, true) => PatternCoverage.CoversAll(headActions, true, baseActions, true, ignoreCase: true),
            (true, false) => headActions.All(h => !baseActions.Any(b => PatternCoverage.Covers(b, true, h, true, ignoreCase: true)) && h != "*"),
            _ => false,
        };

    public static bool ResourcesCovered(IReadOnlyList<string> baseResources, bool baseNot, IReadOnlyList<string> headResources, bool headNot)
    {
        var b = baseResources.Count == 0 ? ["*"] : baseResources;
        var h = headResources.Count == 0 ? ["*"] : headResources;
        return (baseNot, headNot) switch
        {
            (false, false) => PatternCoverage.CoversAll(b, true, h, true),
            (true, true) => PatternCoverage.CoversAll(h, true, b, true),
            _ => b.SequenceEqual(h, StringComparer.Ordinal) && baseNot == headNot,
        };
    }

    public static bool ConditionsCovered(IReadOnlyList<ConditionFact> baseConditions, IReadOnlyList<ConditionFact> headConditions) =>
        baseConditions.All(b => headConditions.Any(h => ClauseCovered(b, h)));

    /// <summary>The head clause is at least as tight as the base clause.</summary>
    public static bool ClauseCovered(ConditionFact b, ConditionFact h)
    {
        if (!SameSubject(b, h) || (h.Operator.IfExists && !b.Operator.IfExists))
        {
            return false;
        }

        var family = b.Operator.Family;
        if (family is ConditionFamily.String or ConditionFamily.Arn)
        {
            var ignoreCase = b.Operator.Kind is ConditionOperatorKind.StringEqualsIgnoreCase or ConditionOperatorKind.StringNotEqualsIgnoreCase;
            if (!ignoreCase && h.Operator.Kind is ConditionOperatorKind.StringEqualsIgnoreCase or ConditionOperatorKind.StringNotEqualsIgnoreCase)
            {
                return false;
            }

            return b.Operator.IsNegated
                ? PatternCoverage.CoversAll(h.Values, h.Operator.SupportsWildcards, b.Values, b.Operator.SupportsWildcards, ignoreCase)
                : PatternCoverage.CoversAll(b.Values, b.Operator.SupportsWildcards, h.Values, h.Operator.SupportsWildcards, ignoreCase);
        }

        return b.Operator.Kind == h.Operator.Kind && b.Values.Order(StringComparer.Ordinal).SequenceEqual(h.Values.Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>
    /// What the head lost compared with the base, in words (empty when the head is covered). With
    /// <paramref name="seenFromHead"/> the same differences are told the other way round: the base is the newer side,
    /// so a dropped condition reads as an added one and a widened pattern as a narrowed one.
    /// </summary>
    public static IEnumerable<string> Loosening(
        IReadOnlyList<ConditionFact> baseConditions,
        IReadOnlyList<ConditionFact> headConditions,
        bool seenFromHead = false)
    {
        foreach (var b in baseConditions.Where(b => !headConditions.Any(h => ClauseCovered(b, h))))
        {
            var related = headConditions.Where(h => SameSubject(b, h)).ToList();
            if (related.Count == 0)
            {
                yield return seenFromHead ? $"added condition {b}" : $"dropped condition {b}";
                continue;
            }

            var baseSide = $"{b.Operator.Name} {string.Join(" | ", b.Values)}";
            var headSide = $"{string.Join(", ", related.Select(r => r.Operator.Name).Distinct())} {string.Join(" | ", related.SelectMany(r => r.Values))}";
            var (verb, from, to) = seenFromHead ? ("narrowed", headSide, baseSide) : ("widened", baseSide, headSide);
            yield return b.Operator.IsNegated ? $"exclusion on {b.Key} changed: {from} -> {to}" : $"{verb} {b.Key}: {from} -> {to}";
        }
    }

    private static bool SameSubject(ConditionFact b, ConditionFact h) =>
        b.NormalizedKey == h.NormalizedKey
        && b.Operator.Family == h.Operator.Family
        && b.Operator.IsNegated == h.Operator.IsNegated
        && b.Operator.SetOperator == h.Operator.SetOperator;
}
