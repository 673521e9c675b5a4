using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-SAML-002: a trust <c>Principal</c> naming a SAML provider of another account. IAM resolves a SAML provider
/// only in the role's own account (AssumeRoleWithSAML's PrincipalArn names a provider the role's account created,
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html), so the statement either never
/// works or trusts what another account's administrators control.
/// </summary>
internal sealed class SamlForeignProviderRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-SAML-002",
        "Trust names a SAML provider of another account",
        Severity.Error,
        "Create the SAML provider in this account (saml.providers) and name its ARN in the trust.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements.Where(s => s.Effect == Effect.Allow))
            {
                foreach (var entry in (statement.Principal?.Entries ?? []).Where(e => e.Kind == PrincipalKind.Federated))
                {
                    var provider = FederatedProvider.From(entry.Value);
                    if (provider.IsSaml && provider.Account is { } account && !SymbolicValue.ContainsSymbol(account)
                        && stack.Environment.Account is { } own && !SymbolicValue.ContainsSymbol(own) && account != own)
                    {
                        yield return For(stack, role, statement.JsonPath,
                            $"{statement.Label} trusts SAML provider {entry.Value} of account {account}, but {role.DisplayName} is in account {own}.");
                    }
                }
            }
        }
    }
}
