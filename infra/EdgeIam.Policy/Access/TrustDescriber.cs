using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Access;

/// <summary>
/// Says who a trust statement lets in, in words: e.g. "GitHub Actions, audience sts.amazonaws.com, repo acme/edge-app,
/// branch main". The raw patterns are reported alongside, so nothing is lost in the wording.
/// </summary>
internal static class TrustDescriber
{
    // Exact keys: IAM matches principals exactly, so "Token.Actions.githubusercontent.com" is not GitHub Actions.
    private static readonly Dictionary<string, string> Issuers = new(StringComparer.Ordinal)
    {
        ["token.actions.githubusercontent.com"] = "GitHub Actions",
        ["gitlab.com"] = "GitLab",
        ["cognito-identity.amazonaws.com"] = "Amazon Cognito",
        ["accounts.google.com"] = "Google",
        ["app.terraform.io"] = "HCP Terraform",
    };

    private static readonly Dictionary<string, string> Services = new(StringComparer.Ordinal)
    {
        ["ec2.amazonaws.com"] = "EC2 instances",
        ["lambda.amazonaws.com"] = "Lambda functions",
        ["ecs-tasks.amazonaws.com"] = "ECS tasks",
        [Rules.TrustStatements.RolesAnywhereService] = "IAM Roles Anywhere",
    };

    public static string Describe(StackTemplate stack, string kind, string identity, Statement statement)
    {
        var parts = new List<string>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        switch (kind)
        {
            case "oidc":
                parts.Add(Issuer(identity));
                parts.Add(Audience(statement, identity + ":aud", used));
                parts.Add(Subjects(statement, identity + ":sub", used));
                break;
            case "service" when string.Equals(identity, Rules.TrustStatements.RolesAnywhereService, StringComparison.Ordinal):
                parts.Add("IAM Roles Anywhere");
                parts.Add(Anchors(stack, statement, used));
                parts.AddRange(Certificate(statement, used));
                break;
            case "service":
                parts.Add(Services.TryGetValue(identity, out var service) ? $"{service} ({identity})" : $"service {identity}");
                break;
            case "account":
                parts.Add(identity == stack.Environment.Account
                    ? $"any principal of this account ({identity}) that its IAM policies allow"
                    : $"any principal of account {identity} that its IAM policies allow");
                break;
            case "aws-principal":
                parts.Add(identity);
                break;
            case "saml":
                parts.Add($"SAML provider {identity}");
                break;
            default:
                parts.Add(identity == "*" ? "anyone" : $"anyone ({identity})");
                break;
        }

        if (kind is "account" or "aws-principal")
        {
            var externalIds = statement.ConditionsOn("sts:ExternalId").SelectMany(c => c.Values).ToList();
            used.Add("sts:ExternalId");
            parts.Add(externalIds.Count > 0 ? $"external ID {string.Join(" or ", externalIds)}" : "no external ID");
        }

        // Everything not already in words, as written.
        parts.AddRange(statement.Conditions.Where(c => !used.Contains(c.Key)).Select(c => $"{c.Operator.Name} {c.Key} {string.Join(" or ", c.Values)}"));
        var text = string.Join(", ", parts.Where(p => p.Length > 0));
        return statement.Effect == Effect.Deny ? $"DENY {text}" : text;
    }

    private static string Issuer(string issuer) =>
        Issuers.TryGetValue(issuer, out var name) ? name
        : issuer.Contains("gitlab", StringComparison.OrdinalIgnoreCase) ? $"GitLab ({issuer})"
        : $"OIDC {issuer}";

    private static string Audience(Statement statement, string key, HashSet<string> used)
    {
        used.Add(key);
        var values = statement.ConditionsOn(key).Where(c => !c.Operator.IsNegated).SelectMany(c => c.Values).ToList();
        return values.Count switch
        {
            0 => "any audience (aud not checked)",
            1 => $"audience {values[0]}",
            _ => $"audiences {string.Join(" or ", values)}",
        };
    }

    private static string Subjects(Statement statement, string key, HashSet<string> used)
    {
        used.Add(key);
        var values = statement.ConditionsOn(key).Where(c => !c.Operator.IsNegated).SelectMany(c => c.Values).ToList();
        return values.Count == 0 ? "any subject (sub not checked)" : string.Join("; or ", values.Select(SubjectDescriber.Describe));
    }

    private static string Anchors(StackTemplate stack, Statement statement, HashSet<string> used)
    {
        used.Add("aws:SourceArn");
        var values = statement.ConditionsOn("aws:SourceArn").Where(c => !c.Operator.IsNegated).SelectMany(c => c.Values).ToList();
        if (values.Count == 0)
        {
            return "any trust anchor of the account";
        }

        return string.Join(" or ", values.Select(v =>
        {
            var anchor = stack.TrustAnchors.FirstOrDefault(a => a.ArnSymbol == v);
            return anchor is null ? $"trust anchor {v}" : $"trust anchor {anchor.Name ?? anchor.LogicalId} (this stack)";
        }));
    }

    private static IEnumerable<string> Certificate(Statement statement, HashSet<string> used)
    {
        const string Prefix = "aws:PrincipalTag/x509";
        foreach (var clause in statement.Conditions.Where(c => c.Key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && !c.Operator.IsNegated))
        {
            used.Add(clause.Key);
            var field = clause.Key["aws:PrincipalTag/".Length..].Replace("x509Subject/", "subject ", StringComparison.OrdinalIgnoreCase)
                .Replace("x509Issuer/", "issuer ", StringComparison.OrdinalIgnoreCase).Replace("x509SAN/", "SAN ", StringComparison.OrdinalIgnoreCase);
            yield return $"certificate {field} {string.Join(" or ", clause.Values)}";
        }
    }
}
