using System.Text.RegularExpressions;

namespace EdgeIam.Config.Federation;

/// <summary>
/// Checks GitLab CI/CD subjects, <c>project_path:GROUP/PROJECT:ref_type:TYPE:ref:REF</c>
/// (https://docs.gitlab.com/ci/cloud_services/aws/). The same rule as GitHub's: no wildcard in the top-level group;
/// a wildcard in the rest of the project path only with <c>allowOrgWideSubjects</c>.
/// </summary>
public static partial class GitLabSubjectRules
{
    private const string Example = "project_path:acme/edge-app:ref_type:branch:ref:main";

    public static RuleViolation? Check(string subject, bool allowOrgWide)
    {
        if (!subject.StartsWith("project_path:", StringComparison.Ordinal))
        {
            return new RuleViolation($"'{subject}' is not a GitLab subject (project_path:GROUP/PROJECT:ref_type:TYPE:ref:REF)",
                $"write e.g. {Example}.");
        }

        var rest = subject["project_path:".Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var path = colon < 0 ? rest : rest[..colon];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? path : path[..slash];
        if (SubjectPatterns.IsPattern(group))
        {
            return new RuleViolation($"'{subject}' has a wildcard in the top-level group: any GitLab namespace could match",
                $"name the group exactly, e.g. {Example}.");
        }

        if (SubjectPatterns.IsPattern(path))
        {
            return allowOrgWide
                ? null
                : new RuleViolation($"'{subject}' has a wildcard in the project path: every project under '{group}' could assume the role",
                    "name the project exactly, or set `allowOrgWideSubjects: true` on this role.");
        }

        if (slash < 0 || !PathPattern().IsMatch(path))
        {
            return new RuleViolation($"'{path}' in '{subject}' is not a GitLab project path (GROUP/PROJECT)", $"write e.g. {Example}.");
        }

        if (colon < 0 || colon == rest.Length - 1)
        {
            return new RuleViolation($"'{subject}' has no ref_type/ref after the project path: GitLab's sub always has them, so it never matches",
                "add :ref_type:branch:ref:main (or :ref_type:tag:ref:v1.0.0).");
        }

        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();
}
