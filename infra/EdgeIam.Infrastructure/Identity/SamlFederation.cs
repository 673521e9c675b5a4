using Amazon.CDK.AWS.IAM;
using Constructs;
using EdgeIam.Config.Iam;
using EdgeIam.Infrastructure.Iam;

namespace EdgeIam.Infrastructure.Identity;

/// <summary>
/// The <c>saml</c> section: one <c>AWS::IAM::SAMLProvider</c> per provider (L1: the L2 would hide the document,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-samlprovider.html) and one
/// <see cref="EdgeRole"/> per role, trusting the provider with <c>sts:AssumeRoleWithSAML</c> and <c>SAML:aud</c>
/// pinned to the sign-in endpoint (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html).
/// </summary>
internal sealed class SamlFederation : Construct
{
    public const string Sid = "SamlAssertionsForSignInEndpoint";

    public SamlFederation(Construct scope, string id, SamlFederationProps props)
        : base(scope, id)
    {
        var stack = EdgeIamStack.Containing(this);
        var providerScope = new Construct(this, "Providers");
        var providers = new Dictionary<string, CfnSAMLProvider>(StringComparer.Ordinal);
        foreach (var provider in props.Config.Providers)
        {
            var cfn = new CfnSAMLProvider(providerScope, provider.Name, new CfnSAMLProviderProps
            {
                // The IAM name carries the stack like role names do: dev and prod may share an account.
                Name = $"{stack.Config.RoleNamePrefix}-{provider.Name}", // IAM names are account-wide: a target adds its region
                SamlMetadataDocument = provider.MetadataDocument,
            });
            cfn.ApplyRemovalPolicy(stack.IdentityRemovalPolicy);
            providers[provider.Name] = cfn;
        }

        var roleScope = new Construct(this, "Roles");
        foreach (var role in props.Config.Roles)
        {
            var conditions = new List<PolicyCondition> { new("StringEquals", "SAML:aud", [role.Audience]) };
            conditions.AddRange(role.Attributes.Select(a => new PolicyCondition("StringEquals", a.Key, [a.Value])));
            // The provider's ARN as a literal (its name is fixed above), so the template states exactly who is trusted;
            // the role depends on the provider, which IAM requires to exist when the trust is written.
            var statement = new IamStatement(Sid, Allow: true, ["sts:AssumeRoleWithSAML"], [],
                new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
                {
                    ["Federated"] = [$"arn:{stack.Config.Partition}:iam::{stack.Config.Account}:saml-provider/{providers[role.Provider].Name}"],
                },
                EdgeRole.ToConditions(conditions));
            var edgeRole = new EdgeRole(roleScope, role.Name, new EdgeRoleProps(
                role.KeyPath,
                role.Name,
                $"SAML role for provider {role.Provider} (EdgeIam {role.KeyPath})",
                [statement],
                role.Access));
            edgeRole.Role.Resource.Node.AddDependency(providers[role.Provider]);
        }
    }
}
