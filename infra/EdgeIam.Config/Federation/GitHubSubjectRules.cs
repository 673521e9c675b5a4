using System.Text.RegularExpressions;

namespace EdgeIam.Config.Federation;

/// <summary>
/// Checks GitHub Actions subjects. The default subject is <c>repo:OWNER/REPO:CONTEXT</c>, or with immutable IDs
/// <c>repo:OWNER@OWNER_ID/REPO@REPO_ID:CONTEXT</c> (repositories created after 15 July 2026, or opted in):
/// https://docs.github.com/en/actions/reference/security/oidc#immutable-subject-claims.
/// A wildcard in the owner lets any GitHub account match; one in the repository lets every repository of the owner
/// match (only with <c>allowOrgWideSubjects</c>). GitHub's AWS guide pins <c>sub</c> for exactly this reason:
/// https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws.
/// </summary>
public static partial class GitHubSubjectRules
{
    private const string Example = "repo:acme/edge-app:ref:refs/heads/main";

    /// <summary>Null when <paramref name="subject"/> is acceptable; otherwise the problem.</summary>
    public static RuleViolation? Check(string subject, bool allowOrgWide)
    {
        if (!subject.StartsWith("repo:", StringComparison.Ordinal))
        {
            return CheckCustomized(subject);
        }

        var rest = subject["repo:".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var owner = slash < 0 ? rest : rest[..slash];
        if (SubjectPatterns.IsPattern(owner) || slash < 0 && SubjectPatterns.IsPattern(rest))
        {
            return new RuleViolation(
                $"'{subject}' has a wildcard in the repository owner: any GitHub account could create a matching repository",
                $"name the owner exactly, e.g. {Example}.");
        }

        if (slash < 0 || !OwnerPattern().IsMatch(owner))
        {
            return new RuleViolation($"'{subject}' is not a GitHub subject (repo:OWNER/REPO:CONTEXT)",
                $"write repo:OWNER/REPO followed by the context, e.g. {Example} or repo:acme/edge-app:environment:production.");
        }

        var afterOwner = rest[(slash + 1)..];
        var colon = afterOwner.IndexOf(':', StringComparison.Ordinal);
        var repository = colon < 0 ? afterOwner : afterOwner[..colon];
        if (SubjectPatterns.IsPattern(repository))
        {
            return allowOrgWide
                ? null
                : new RuleViolation(
                    $"'{subject}' has a wildcard in the repository name: every repository of '{owner}', including ones created later, could assume the role",
                    "name the repository exactly, or set `allowOrgWideSubjects: true` on this role and pin the workflow with `conditions: { StringEquals: { job_workflow_ref: ... } }`.");
        }

        if (!RepositoryPattern().IsMatch(repository))
        {
            return new RuleViolation($"'{repository}' in '{subject}' is not a GitHub repository name",
                "use letters, digits, '.', '-' and '_' (optionally @REPO_ID), e.g. " + Example + ".");
        }

        if (colon < 0 || colon == afterOwner.Length - 1)
        {
            return new RuleViolation($"'{subject}' has no context after the repository: GitHub's sub always has one, so it never matches",
                "add the context, e.g. :ref:refs/heads/main, :environment:production or :pull_request.");
        }

        return null;
    }

    /// <summary>
    /// Customized subject templates (<c>include_claim_keys</c>) write <c>claim:value</c> pairs in an order the
    /// repository chose, so EdgeIam cannot find the owner in them: only exact values are accepted.
    /// </summary>
    private static RuleViolation? CheckCustomized(string subject)
    {
        if (!CustomizedPattern().IsMatch(subject))
        {
            return new RuleViolation($"'{subject}' is not a GitHub subject (repo:OWNER/REPO:CONTEXT, or a customized claim:value template)",
                $"write e.g. {Example}.");
        }

        return SubjectPatterns.IsPattern(subject)
            ? new RuleViolation($"'{subject}' is a customized GitHub subject with a wildcard; EdgeIam cannot tell whether the owner is pinned",
                "write customized subjects exactly, or use the default repo:OWNER/REPO:CONTEXT form.")
            : null;
    }

    // Owner: GitHub login (letters, digits, hyphens, at most 39), optionally @OWNER_ID.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]{0,38}(@[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,100}(@[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[a-z_]+:[^:]+(:.+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CustomizedPattern();
}
