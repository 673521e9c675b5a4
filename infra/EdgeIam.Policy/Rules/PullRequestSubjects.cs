using System.Text;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Evaluation.Conditions;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// Whether a pull request's token can pass a role's web-identity trust, judged on the subject (<c>sub</c>) claim the
/// way the web-identity rules read it (<see cref="TrustStatements.IsWebIdentity"/>, <see cref="TrustStatements.ClaimKeys"/>).
/// GitHub gives a pull_request workflow the subject <c>repo:OWNER/REPO:pull_request</c>, and with a customised subject
/// template that keeps the repository and the context first <c>repo:OWNER/REPO:pull_request:...</c>
/// (https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims).
/// A statement admits pull requests when some subject of that shape satisfies every condition it puts on the sub key:
/// a witness is built from each StringEquals/StringLike value (the intersection of its pattern with the pull-request
/// shape), then every clause on the key, negated ones included, is evaluated on it with the engine's own condition
/// code. No condition on the key at all admits every subject. A Deny statement whose only conditions are on the sub
/// key and hold for the witness refuses it.
/// <para>
/// Only the subject is judged: the audience and other claims (e.g. <c>job_workflow_ref</c>) are not, since a pull
/// request can run a pinned reusable workflow too. A pull-request job that names a GitHub environment gets the
/// subject <c>repo:OWNER/REPO:environment:NAME</c>; whether a pull request can use the environment is the
/// environment's deployment-branch setting, which no template shows, so such subjects do not count. Nor do subject
/// templates that leave the context out (only <c>repo</c>: every event of the repository has the same subject), or
/// other issuers' merge-request subjects: the template does not say which subject template or CI the issuer uses.
/// </para>
/// </summary>
internal static class PullRequestSubjects
{
    /// <summary>The pull-request subject shapes: the default claim and a customised one with more claims after it.</summary>
    private static readonly string[] Shapes = ["repo:*:pull_request", "repo:*:pull_request:*"];

    private const string Generic = "repo:" + PermissionProbes.Token + "/" + PermissionProbes.Token + ":pull_request";

    /// <summary>The trust statement and a pull-request subject it admits, or null when no statement of the role admits one.</summary>
    public static (Statement Statement, string Subject)? Admitting(RoleResource role)
    {
        var trust = role.TrustPolicy;
        foreach (var statement in trust.Statements.Where(TrustStatements.IsWebIdentity))
        {
            foreach (var (_, key) in TrustStatements.ClaimKeys(statement, "sub"))
            {
                var clauses = statement.ConditionsOn(key).ToList();
                foreach (var subject in Witnesses(clauses))
                {
                    var context = RequestContext.Of((key, subject));
                    if (clauses.All(c => new CompiledCondition(c, trust.SupportsVariables).Evaluate(context)) && !Refused(trust, key, context))
                    {
                        return (statement, subject);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A string that both patterns match (<c>*</c> any run, <c>?</c> one character; a literal side has no wildcards),
    /// or null when none does. Free wildcards are filled with <c>x</c>.
    /// </summary>
    public static string? Witness(string a, bool aIsPattern, string b)
    {
        var failed = new HashSet<(int, int)>();
        var output = new StringBuilder();
        return Search(0, 0) ? output.ToString() : null;

        bool Search(int i, int j)
        {
            if (i == a.Length && j == b.Length)
            {
                return true;
            }

            if (!failed.Add((i, j)))
            {
                return false;
            }

            var aStar = aIsPattern && i < a.Length && a[i] == '*';
            var bStar = j < b.Length && b[j] == '*';
            var length = output.Length;

            // Both stars take one character first, so a witness reads like a subject (repo:acme/x:pull_request).
            if (aStar && bStar)
            {
                output.Append('x');
                if (Search(i + 1, j + 1))
                {
                    return true;
                }

                output.Length = length;
            }

            if (aStar && Search(i + 1, j))
            {
                return true;
            }

            if (bStar && Search(i, j + 1))
            {
                return true;
            }

            if (i < a.Length && j < b.Length)
            {
                var aAny = aIsPattern && a[i] == '?';
                var bAny = b[j] == '?';
                char? c = aStar || aAny ? (bStar || bAny ? 'x' : b[j]) : (bStar || bAny || a[i] == b[j] ? a[i] : null);
                if (c is { } ch)
                {
                    output.Append(ch);

                    // A star may take more characters: it stays where it is while the other side moves on.
                    if ((aStar && !bStar && Search(i, j + 1)) || (bStar && !aStar && Search(i + 1, j)) || (!aStar && !bStar && Search(i + 1, j + 1)))
                    {
                        return true;
                    }

                    output.Length = length;
                }
            }

            return false;
        }
    }

    private static IEnumerable<string> Witnesses(IReadOnlyList<ConditionClause> clauses)
    {
        yield return Generic;
        var positive = clauses.Where(c => c.Operator.Kind is ConditionOperatorKind.StringEquals or ConditionOperatorKind.StringLike);
        foreach (var clause in positive)
        {
            var like = clause.Operator.Kind == ConditionOperatorKind.StringLike;
            foreach (var value in clause.Values.Where(v => !SymbolicValue.ContainsSymbol(v)))
            {
                // Readable witnesses first (repo:acme/x:pull_request), then whatever the intersection gives.
                var natural = like ? Natural(value) : [value];
                foreach (var subject in natural.Where(IsPullRequestShaped))
                {
                    yield return subject;
                }

                foreach (var shape in Shapes)
                {
                    if (Witness(value, like, shape) is { } subject && IsPullRequestShaped(subject))
                    {
                        yield return subject;
                    }
                }
            }
        }
    }

    /// <summary>
    /// <c>repo:OWNER/REPO:pull_request</c>, optionally followed by <c>:</c> and more claims: the context is the whole
    /// third segment (an environment named pull_request, <c>repo:o/r:environment:pull_request</c>, is not a pull request).
    /// </summary>
    private static bool IsPullRequestShaped(string subject)
    {
        var segments = subject.Split(':', 4);
        return segments.Length >= 3 && segments[0] == "repo" && segments[1].Length > 0 && segments[2] == "pull_request";
    }

    /// <summary>Instances of a StringLike pattern as a person would write them: wildcards as <c>x</c>, or the last <c>*</c> as the pull-request context.</summary>
    private static IEnumerable<string> Natural(string pattern)
    {
        var last = pattern.LastIndexOf('*');
        static string Fill(string text) => text.Replace('*', 'x').Replace('?', 'x');
        yield return Fill(pattern);
        if (last >= 0)
        {
            yield return Fill(pattern[..last]) + "pull_request" + Fill(pattern[(last + 1)..]);
            yield return Fill(pattern[..last]) + "x:pull_request" + Fill(pattern[(last + 1)..]);
        }
    }

    private static bool Refused(PolicyDocument trust, string key, RequestContext context) =>
        trust.Statements.Any(s => s.Effect == Effect.Deny && TrustStatements.Allows(s, TrustStatements.WebIdentityAction)
            && s.Conditions.Count > 0
            && s.Conditions.All(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase) && new CompiledCondition(c, trust.SupportsVariables).Evaluate(context)));
}
