using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-WEBID-003: a subject pattern of <c>*</c>, or a wildcard in the owner/repository part
/// (<c>repo:acme/*</c>, <c>project_path:group/*</c>), trusts every repository a pattern can name, including new ones.
/// </summary>
internal sealed class WebIdentityBroadSubjectRule : PolicyRule
{
    private static readonly string[] ScopedPrefixes = ["repo:", "project_path:"];

    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-WEBID-003",
        "Web-identity subject is * or has a wildcard in the owner/repository part",
        Severity.Error,
        "Name the repository exactly (repo:<owner>/<repo>:...); put wildcards only after it, e.g. repo:acme/edge-app:ref:refs/tags/v*.",
        "https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims");

    /// <summary>
    /// The same finding when the statement carries a written justification (e.g. EdgeIam's <c>allowOrgWideSubjects</c>):
    /// still reported, so reviewers see it, but it does not fail the check.
    /// </summary>
    public RuleDescriptor Accepted => Descriptor with { Severity = Severity.Warning };

    /// <summary>True when the pattern can match subjects of more than one repository/project.</summary>
    public static bool IsBroad(string pattern)
    {
        if (!TrustStatements.HasWildcard(pattern))
        {
            return false;
        }

        var prefix = ScopedPrefixes.FirstOrDefault(p => pattern.StartsWith(p, StringComparison.Ordinal));
        if (prefix is null)
        {
            // Unknown subject shape: only a leading wildcard is certainly too broad.
            return pattern[0] is '*' or '?';
        }

        // The scope (owner/repo) runs to the next colon and must be literal and complete.
        var end = pattern.IndexOf(':', prefix.Length);
        var scope = end < 0 ? pattern[prefix.Length..] : pattern[prefix.Length..end];
        return end < 0 || TrustStatements.HasWildcard(scope) || !scope.Contains('/', StringComparison.Ordinal);
    }

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements.Where(TrustStatements.IsWebIdentity))
            {
                foreach (var clause in statement.Conditions.Where(c => c.Key.EndsWith(":sub", StringComparison.OrdinalIgnoreCase)
                    && c.Operator.SupportsWildcards && !c.Operator.IsNegated))
                {
                    var justification = statement.Sid is { } sid && role.Justifications.BySid.TryGetValue(sid, out var why) ? why : null;
                    foreach (var value in clause.Values.Where(IsBroad))
                    {
                        // An owner-wide wildcard (repo:*/...) is never accepted: it trusts every GitHub user.
                        var ownerWide = value.StartsWith("repo:*", StringComparison.Ordinal) || value.StartsWith("project_path:*", StringComparison.Ordinal) || value[0] is '*' or '?';
                        var message = $"{statement.Label}: {clause.Operator.Name} \"{clause.Key}\" \"{value}\" lets any matching repository assume {role.DisplayName}.";
                        yield return justification is null || ownerWide
                            ? For(stack, role, clause.JsonPath, message)
                            : new Finding(Accepted, stack.Name, stack.FilePath, role.LogicalId, role.ConfigName, clause.JsonPath, $"{message} Accepted: {justification}.");
                    }
                }
            }
        }
    }
}
