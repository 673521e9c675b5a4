using Amazon.CDK.AWS.IAM;
using Constructs;
using EdgeIam.Config.Federation;
using EdgeIamMetadata = EdgeIam.Policy.Model.EdgeIamMetadata;

namespace EdgeIam.Infrastructure.Federation;

/// <summary>
/// The IAM OIDC provider a stack's web-identity roles trust: a native <c>AWS::IAM::OIDCProvider</c> when this stack
/// owns it (no Lambda-backed custom resource, unlike CDK's <c>OpenIdConnectProvider</c>), or a reference to the ARN of
/// one another stack of the same account created.
/// </summary>
internal sealed class OidcProvider : Construct
{
    public OidcProvider(Construct scope, string id, OidcProviderProps props)
        : base(scope, id)
    {
        Config = props.Config;
        var stack = EdgeIamStack.Containing(this);
        if (props.Config.ExistingProviderArn is { } existing)
        {
            // Guarded at load too: a role can only trust a provider of its own account and partition.
            if (!existing.StartsWith($"arn:{stack.Config.Partition}:iam::{stack.Config.Account}:oidc-provider/", StringComparison.Ordinal))
            {
                throw new ArgumentException($"provider '{Config.Name}' ({existing}) is not in account {stack.Config.Account}", nameof(props));
            }

            Arn = existing;
            return;
        }

        var provider = new CfnOIDCProvider(this, "Resource", new CfnOIDCProviderProps
        {
            Url = Config.Issuer,
            ClientIdList = [.. Config.Audiences],
            // Optional in CloudFormation (IAM fetches the IdP's CA thumbprint itself); pinned only when configured.
            ThumbprintList = Config.Thumbprints.Count > 0 ? [.. Config.Thumbprints] : null,
        });
        provider.ApplyRemovalPolicy(stack.IdentityRemovalPolicy);
        provider.AddMetadata(EdgeIamMetadata.OidcProvider, Config.Name);
        Arn = provider.Ref;
    }

    public OidcProviderConfig Config { get; }

    /// <summary>The provider's ARN: a <c>Ref</c> token when created here, the literal ARN when referenced.</summary>
    public string Arn { get; }
}
