using System.Text.RegularExpressions;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-XACCT-002: STS accepts external IDs of 2 to 1224 characters from [\w+=,.@:/-]
/// (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html); anything else can never be sent.
/// </summary>
internal sealed partial class ExternalIdFormatRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-XACCT-002",
        "External ID shorter than 2 characters (or not a valid STS external ID)",
        Severity.Error,
        "Use an external ID of 2-1224 characters from letters, digits and +=,.@:/-, unique per trusting party.",
        "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements)
            {
                foreach (var clause in statement.ConditionsOn("sts:ExternalId"))
                {
                    foreach (var value in clause.Values.Where(v => !SymbolicValue.ContainsSymbol(v)))
                    {
                        if (value.Length < 2 || value.Length > 1224 || !Allowed().IsMatch(value))
                        {
                            yield return For(stack, role, clause.JsonPath,
                                $"{statement.Label}: external ID \"{value}\" ({value.Length} characters) is not a valid STS external ID.");
                        }
                    }
                }
            }
        }
    }

    // \w in STS's documented pattern means ASCII word characters; .NET's \w also takes é or ١, which STS refuses.
    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@:/\-*?]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
