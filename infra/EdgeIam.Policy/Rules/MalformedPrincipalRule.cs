using System.Text.RegularExpressions;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-TRUST-005: a principal value that names no principal. AWS principals are a 12-digit account or an IAM/STS ARN
/// with a known partition and a 12-digit account; service principals are lower-case host names and IAM compares them
/// exactly; federated principals are an OIDC/SAML provider ARN or a known IdP name
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
/// Parts that are template symbols (deploy-time values) are not judged here.
/// </summary>
internal sealed partial class MalformedPrincipalRule : PolicyRule
{
    // https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
    private static readonly string[] Partitions = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"];

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_user-id.html (well-known IdPs)
    private static readonly string[] WellKnownIdps = ["cognito-identity.amazonaws.com", "www.amazon.com", "graph.facebook.com", "accounts.google.com"];

    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-TRUST-005",
        "Malformed principal (not an account, IAM/STS ARN, lower-case service or identity provider)",
        Severity.Error,
        "Write the principal in full, e.g. arn:aws:iam::123456789012:root, arn:aws:iam::123456789012:role/Name, ec2.amazonaws.com (lower case) or arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements)
            {
                foreach (var entry in (statement.Principal ?? statement.NotPrincipal)?.Entries ?? [])
                {
                    if (Problem(entry) is { } problem)
                    {
                        yield return For(stack, role, entry.JsonPath, $"{statement.Label}: {entry.Kind} principal \"{entry.Value}\" {problem}.");
                    }
                }
            }
        }
    }

    /// <summary>What is wrong with a principal value, or null.</summary>
    public static string? Problem(PrincipalEntry entry)
    {
        var value = entry.Value;
        switch (entry.Kind)
        {
            case PrincipalKind.Aws when value == "*" || AccountId().IsMatch(value):
                return null;
            case PrincipalKind.Aws:
                return ArnProblem(value, ["iam", "sts"], resource => resource.Length > 0 && (resource == "root"
                    || resource.StartsWith("role/", StringComparison.Ordinal) || resource.StartsWith("user/", StringComparison.Ordinal)
                    || resource.StartsWith("assumed-role/", StringComparison.Ordinal) || resource.StartsWith("federated-user/", StringComparison.Ordinal)))
                    ?? null;
            case PrincipalKind.Service when SymbolicValue.ContainsSymbol(value):
                return null;
            case PrincipalKind.Service when !ServiceName().IsMatch(value):
                return value.Any(char.IsUpper)
                    ? "is not lower case: IAM compares service principals exactly, so it does not name " + value.ToLowerInvariant()
                    : "is not a service principal host name such as ec2.amazonaws.com";
            case PrincipalKind.Federated when WellKnownIdps.Contains(value, StringComparer.Ordinal):
                return null;
            case PrincipalKind.Federated:
                var problem = ArnProblem(value, ["iam"], resource =>
                    (resource.StartsWith("oidc-provider/", StringComparison.Ordinal) && resource.Length > "oidc-provider/".Length)
                    || (resource.StartsWith("saml-provider/", StringComparison.Ordinal) && resource.Length > "saml-provider/".Length));
                if (problem is null && value.Contains(":oidc-provider/", StringComparison.Ordinal) && !SymbolicValue.ContainsSymbol(value)
                    && value[(value.IndexOf(":oidc-provider/", StringComparison.Ordinal) + ":oidc-provider/".Length)..].Split('/')[0].Any(char.IsUpper))
                {
                    return "has upper case in the issuer host: IAM compares provider ARNs exactly, and issuer hosts are registered in lower case";
                }

                return problem;
            default:
                return null;
        }
    }

    private static string? ArnProblem(string value, string[] services, Func<string, bool> resourceOk)
    {
        var parts = value.Split(':', 6);
        if (parts.Length < 6 || parts[0] != "arn")
        {
            return SymbolicValue.ContainsSymbol(value) && !value.StartsWith("arn:", StringComparison.Ordinal)
                ? null
                : "is not an ARN of the form arn:partition:service::account:resource";
        }

        bool Fixed(string part) => !SymbolicValue.ContainsSymbol(part);
        if (Fixed(parts[1]) && !Partitions.Contains(parts[1], StringComparer.Ordinal))
        {
            return $"has an unknown partition \"{parts[1]}\"";
        }

        if (Fixed(parts[2]) && !services.Contains(parts[2], StringComparer.Ordinal))
        {
            return $"names service \"{parts[2]}\"; a principal ARN belongs to {string.Join(" or ", services)}";
        }

        if (parts[3].Length > 0)
        {
            return "has a region; IAM and STS principal ARNs have none";
        }

        if (Fixed(parts[4]) && !AccountId().IsMatch(parts[4]))
        {
            return parts[4].Length == 0 ? "has no account" : $"has \"{parts[4]}\" where a 12-digit account belongs";
        }

        return Fixed(parts[5]) && !resourceOk(parts[5]) ? $"names no principal (\"{parts[5]}\")" : null;
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")]
    private static partial Regex ServiceName();
}
