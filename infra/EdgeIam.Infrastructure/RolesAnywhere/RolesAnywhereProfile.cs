using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.RolesAnywhere;
using Constructs;
using EdgeIam.Infrastructure.Iam;
using EdgeIamMetadata = EdgeIam.Policy.Model.EdgeIamMetadata;

namespace EdgeIam.Infrastructure.RolesAnywhere;

/// <summary>
/// An enabled IAM Roles Anywhere profile: the roles devices may assume, the session length, and the managed and
/// inline session policies that every session is intersected with.
/// </summary>
internal sealed class RolesAnywhereProfile : Construct
{
    public RolesAnywhereProfile(Construct scope, string id, RolesAnywhereProfileProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var profile = props.Profile;
        if (props.RoleArns.Count == 0)
        {
            throw new ArgumentException($"profile '{profile.Name}' needs at least one role", nameof(props));
        }

        var stack = EdgeIamStack.Containing(this);
        Resource = new CfnProfile(this, "Resource", new CfnProfileProps
        {
            Name = profile.Name,
            Enabled = true,
            RoleArns = [.. props.RoleArns],
            DurationSeconds = profile.SessionDurationSeconds,
            ManagedPolicyArns = profile.ManagedPolicyArns.Count > 0 ? [.. profile.ManagedPolicyArns] : null,
            SessionPolicy = profile.SessionPolicy.Count > 0 ? SessionPolicyJson(stack, profile.SessionPolicy) : null,
            RequireInstanceProperties = profile.RequireInstanceProperties,
            AcceptRoleSessionName = profile.AcceptRoleSessionName,
            AttributeMappings = profile.AttributeMappings.Count > 0
                ? profile.AttributeMappings.Select(m => (object)new CfnProfile.AttributeMappingProperty
                {
                    CertificateField = m.CertificateField,
                    MappingRules = m.Specifiers.Select(s => (object)new CfnProfile.MappingRuleProperty { Specifier = s }).ToArray(),
                }).ToArray()
                : null,
        });
        Resource.ApplyRemovalPolicy(stack.IdentityRemovalPolicy);
        Resource.AddMetadata(EdgeIamMetadata.Profile, profile.Name);
    }

    public CfnProfile Resource { get; }

    public string Arn => Resource.AttrProfileArn;

    /// <summary>The inline session policy as JSON text (what CloudFormation takes), built from policy statements.</summary>
    private static string SessionPolicyJson(Stack stack, IReadOnlyList<Config.Iam.PermissionStatement> statements)
    {
        var document = new PolicyDocument(new PolicyDocumentProps { Statements = [.. statements.Select(EdgeRole.ToStatement)] });
        return stack.ToJsonString(document.ToJSON());
    }
}
