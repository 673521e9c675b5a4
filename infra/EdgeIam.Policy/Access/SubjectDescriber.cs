namespace EdgeIam.Policy.Access;

/// <summary>
/// Puts OIDC subject claims in words: GitHub (<c>repo:acme/edge-app:ref:refs/heads/main</c> → "repo acme/edge-app,
/// branch main") and GitLab (<c>project_path:group/app:ref_type:branch:ref:main</c>); others are quoted as they are.
/// </summary>
internal static class SubjectDescriber
{
    public static string Describe(string subject)
    {
        if (subject is "*" or "**")
        {
            return "any subject";
        }

        if (subject.StartsWith("repo:", StringComparison.Ordinal))
        {
            return GitHub(subject["repo:".Length..]);
        }

        if (subject.StartsWith("project_path:", StringComparison.Ordinal))
        {
            return GitLab(subject["project_path:".Length..]);
        }

        return $"subject {subject}";
    }

    private static string GitHub(string rest)
    {
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var repo = colon < 0 ? rest : rest[..colon];
        var context = colon < 0 ? null : rest[(colon + 1)..];
        var who = Repository(repo, "repo");
        return context switch
        {
            null => who,
            "*" => $"{who}, any ref or environment",
            "pull_request" => $"{who}, pull requests",
            _ when context.StartsWith("ref:refs/heads/", StringComparison.Ordinal) => $"{who}, branch {context["ref:refs/heads/".Length..]}",
            _ when context.StartsWith("ref:refs/tags/", StringComparison.Ordinal) => $"{who}, tag {context["ref:refs/tags/".Length..]}",
            _ when context.StartsWith("environment:", StringComparison.Ordinal) => $"{who}, environment {context["environment:".Length..]}",
            _ => $"{who}, {context}",
        };
    }

    private static string GitLab(string rest)
    {
        var parts = rest.Split(':');
        var who = Repository(parts[0], "project");
        var refType = Value(parts, "ref_type");
        var reference = Value(parts, "ref");
        return refType is null && reference is null ? who : $"{who}, {refType ?? "ref"} {reference ?? "*"}";
    }

    private static string Repository(string repo, string noun)
    {
        var slash = repo.IndexOf('/', StringComparison.Ordinal);
        if (repo == "*" || slash < 0)
        {
            return $"any {noun} matching {repo}";
        }

        return repo[(slash + 1)..] == "*" ? $"any {noun} of {repo[..slash]}" : $"{noun} {repo}";
    }

    private static string? Value(string[] parts, string key)
    {
        var i = Array.IndexOf(parts, key);
        return i >= 0 && i + 1 < parts.Length ? parts[i + 1] : null;
    }
}
