using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SSO;
using Constructs;
using EdgeIam.Config.Identity;
using EdgeIam.Infrastructure.Iam;
using EdgeIamMetadata = EdgeIam.Policy.Model.EdgeIamMetadata;

namespace EdgeIam.Infrastructure.Identity;

/// <summary>
/// The <c>identityCenter</c> section: an <c>AWS::SSO::PermissionSet</c> per permission set
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sso-permissionset.html) and an
/// <c>AWS::SSO::Assignment</c> per (principal, account) (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sso-assignment.html).
/// L1 only: the CDK has no L2 for Identity Center. These resources deploy only in the organization's management
/// account or the Identity Center delegated administrator account.
/// </summary>
internal sealed class IdentityCenter : Construct
{
    public IdentityCenter(Construct scope, string id, IdentityCenterProps props)
        : base(scope, id)
    {
        var config = props.Config;
        var sets = new Dictionary<string, CfnPermissionSet>(StringComparer.Ordinal);
        foreach (var set in config.PermissionSets)
        {
            var cfn = new CfnPermissionSet(this, "PermissionSet" + Config.Naming.ConstructIds.Pascal(set.Name), new CfnPermissionSetProps
            {
                InstanceArn = config.InstanceArn,
                Name = set.Name,
                Description = set.Description,
                SessionDuration = set.SessionDuration,
                RelayStateType = set.RelayState,
                ManagedPolicies = set.ManagedPolicyArns.Count > 0 ? [.. set.ManagedPolicyArns] : null,
                CustomerManagedPolicyReferences = set.CustomerManagedPolicies.Count > 0
                    ? set.CustomerManagedPolicies.Select(p => (object)new CfnPermissionSet.CustomerManagedPolicyReferenceProperty { Name = p.Name, Path = p.Path }).ToArray()
                    : null,
                InlinePolicy = set.Permissions.Count > 0
                    ? new PolicyDocument(new PolicyDocumentProps { Statements = [.. set.Permissions.Select(EdgeRole.ToStatement)] })
                    : null,
                PermissionsBoundary = Boundary(set.PermissionsBoundary),
            });
            cfn.AddMetadata(EdgeIamMetadata.Role, set.Name);
            if (set.Justification is not null || set.Permissions.Any(p => p.Justification is not null))
            {
                var justifications = set.Permissions.Where(p => p.Justification is not null)
                    .ToDictionary(p => p.Sid, p => (object)p.Justification!, StringComparer.Ordinal);
                if (set.Justification is not null)
                {
                    // Keyed by policy name, as the engine reads a managed policy's justification (EIAM-PERM-002).
                    foreach (var arn in set.ManagedPolicyArns)
                    {
                        justifications[arn[(arn.LastIndexOf('/') + 1)..]] = set.Justification;
                    }
                }

                cfn.AddMetadata(EdgeIamMetadata.Justifications, justifications);
            }

            sets[set.Name] = cfn;
        }

        foreach (var assignment in config.Assignments)
        {
            var principals = assignment.Groups.Select(g => ("GROUP", g)).Concat(assignment.Users.Select(u => ("USER", u)));
            foreach (var (type, principal) in principals)
            {
                foreach (var account in assignment.Accounts)
                {
                    var set = sets[assignment.PermissionSet];
                    _ = new CfnAssignment(this, $"Assign{Config.Naming.ConstructIds.Pascal(assignment.PermissionSet)}{Config.Naming.ConstructIds.Pascal(type)}{Config.Naming.ConstructIds.Pascal(principal)}{account}", new CfnAssignmentProps
                    {
                        InstanceArn = config.InstanceArn,
                        PermissionSetArn = set.AttrPermissionSetArn,
                        PrincipalType = type,
                        PrincipalId = principal,
                        TargetType = "AWS_ACCOUNT",
                        TargetId = account,
                    });
                }
            }
        }
    }

    private static CfnPermissionSet.PermissionsBoundaryProperty? Boundary(string? boundary)
    {
        if (boundary is null)
        {
            return null;
        }

        if (boundary.StartsWith("arn:", StringComparison.Ordinal))
        {
            return new CfnPermissionSet.PermissionsBoundaryProperty { ManagedPolicyArn = boundary };
        }

        var cut = boundary.LastIndexOf('/');
        return new CfnPermissionSet.PermissionsBoundaryProperty
        {
            CustomerManagedPolicyReference = new CfnPermissionSet.CustomerManagedPolicyReferenceProperty
            {
                Name = cut < 0 ? boundary : boundary[(cut + 1)..],
                Path = cut < 0 ? "/" : boundary[..(cut + 1)],
            },
        };
    }
}
