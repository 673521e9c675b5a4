using System.Text;
using System.Text.RegularExpressions;
using EdgeIam.Policy.Evaluation;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// Judges how much an <c>Action</c> or <c>Resource</c> pattern covers by what it matches, not by how it is spelled:
/// <c>arn:*</c>, <c>arn:aws:ec2:*:*:*</c> and <c>*</c> all leave the resource unconstrained; <c>*:*</c> and <c>*</c>
/// both name every action. The pattern is matched, with the engine's own matchers, against a probe value that no real
/// resource or action has; a pattern that matches the probe leaves that part open. One judgement shared by the
/// stack-file loader (which asks for a justification) and EIAM-PERM-001 (which checks any template), so the two
/// cannot disagree. Wildcard semantics:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
/// </summary>
public static partial class PermissionBreadth
{
    private const string ProbeService = "edgeiamprobeservice";
    private const string ProbeAction = "EdgeIamProbeAction";
    private const string ProbeResource = "edgeiam-probe/resource:q7";

    /// <summary>
    /// True when the pattern matches every resource of a service (anywhere it names, e.g. <c>arn:aws:s3:::*</c>,
    /// <c>arn:aws:ec2:us-east-1:111122223333:*</c>), of a partition (<c>arn:aws:*</c>) or every ARN (<c>*</c>,
    /// <c>arn:*</c>). A pattern limited to a resource type or name prefix (<c>arn:aws:s3:::logs-*</c>) is not.
    /// </summary>
    public static bool CoversEveryResource(string pattern)
    {
        // A policy variable stands for one value at request time (wildcards in it are literal), so it constrains.
        var text = PolicyVariable().Replace(pattern, "edgeiamvariable");
        var segments = text.Split(':', 6);
        var probe = new StringBuilder("arn");
        for (var i = 1; i < 5; i++)
        {
            probe.Append(':').Append(i < segments.Length ? Instance(segments[i], i == 2 ? ProbeService : string.Empty) : string.Empty);
        }

        probe.Append(':').Append(ProbeResource);
        return ArnPattern.Compile(text).IsMatch(probe.ToString());
    }

    /// <summary>True when the pattern matches every action of some service (<c>s3:*</c>, <c>s3:*?</c>) or of all.</summary>
    public static bool CoversServiceActions(string pattern)
    {
        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        var service = colon < 0 ? ProbeService : Instance(pattern[..colon], ProbeService);
        return WildcardPattern.Compile(pattern, ignoreCase: true).IsMatch((service + ":" + ProbeAction).ToLowerInvariant());
    }

    /// <summary>True when the pattern matches every action of every service (<c>*</c>, <c>*:*</c>).</summary>
    public static bool CoversEveryAction(string pattern) =>
        WildcardPattern.Compile(pattern, ignoreCase: true).IsMatch((ProbeService + ":" + ProbeAction).ToLowerInvariant());

    /// <summary>
    /// What is too broad about an Allow statement, or null: every action (or NotAction), a service-wide or write-capable
    /// action wildcard, or write actions on every resource (or NotResource). <paramref name="fullAdmin"/> is every
    /// action on every resource, which no suppression may excuse.
    /// </summary>
    public static string? Describe(
        IReadOnlyCollection<string> actions, bool notAction, IReadOnlyCollection<string> resources, bool notResource, out bool fullAdmin)
    {
        var openResource = notResource ? "NotResource" : resources.FirstOrDefault(CoversEveryResource);
        var everyAction = notAction ? null : actions.FirstOrDefault(CoversEveryAction);
        fullAdmin = (notAction || everyAction is not null) && openResource is not null;
        if (notAction)
        {
            return "NotAction allows every other action";
        }

        if (everyAction is not null)
        {
            return $"Action \"{everyAction}\" allows every action";
        }

        var wildcardWrites = actions.Where(ActionClassifier.IsWildcardWrite).ToList();
        if (wildcardWrites.Count > 0)
        {
            return $"{string.Join(", ", wildcardWrites)} allows every matching write action";
        }

        var writes = actions.Where(a => !ActionClassifier.IsReadOnly(a)).ToList();
        if (openResource is not null && writes.Count > 0)
        {
            var joined = string.Join(", ", writes);
            return openResource switch
            {
                "NotResource" => $"{joined} on every resource but the NotResource list",
                "*" => $"{joined} on Resource \"*\"",
                _ => $"{joined} on Resource \"{openResource}\", which leaves the resource open",
            };
        }

        return null;
    }

    /// <summary>A value the segment pattern matches: wildcards filled minimally, or <paramref name="empty"/> for "*".</summary>
    private static string Instance(string segment, string empty)
    {
        if (segment.Length == 0 || segment.All(c => c == '*'))
        {
            return empty;
        }

        return segment.Replace("*", string.Empty, StringComparison.Ordinal).Replace('?', 'x');
    }

    [GeneratedRegex(@"\$\{[^}]*\}")]
    private static partial Regex PolicyVariable();
}
