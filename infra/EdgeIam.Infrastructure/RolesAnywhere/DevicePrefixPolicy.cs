using Amazon.CDK.AWS.IAM;
using Constructs;
using EdgeIam.Config.RolesAnywhere;
using EdgeIam.Infrastructure.Iam;

namespace EdgeIam.Infrastructure.RolesAnywhere;

/// <summary>
/// Gives each device its own S3 prefix: objects under <c>prefix/${aws:PrincipalTag/x509Subject/CN}/</c>, the CN
/// Roles Anywhere copies from the device certificate into the session tags, so no device reaches another's objects.
/// </summary>
internal sealed class DevicePrefixPolicy : Construct
{
    public const string DeviceCommonNameVariable = "${" + RolesAnywhereTrust.SubjectCommonNameKey + "}";

    public DevicePrefixPolicy(Construct scope, string id, DevicePrefixPolicyProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var prefix = props.Prefix;
        var devicePath = (prefix.Prefix.Length > 0 ? prefix.Prefix + "/" : "") + DeviceCommonNameVariable + "/";
        var bucketArn = $"arn:{props.Partition}:s3:::{prefix.Bucket}";
        var statements = new List<IamStatement>();
        var objectActions = prefix.Access switch
        {
            DevicePrefixAccess.Read => ["s3:GetObject"],
            DevicePrefixAccess.Write => ["s3:PutObject"],
            _ => new[] { "s3:GetObject", "s3:PutObject" },
        };
        statements.Add(new IamStatement("DeviceObjects", Allow: true, objectActions, [bucketArn + "/" + devicePath + "*"]));
        if (prefix.Access != DevicePrefixAccess.Write)
        {
            statements.Add(new IamStatement("ListDevicePrefix", Allow: true, ["s3:ListBucket"], [bucketArn], Conditions: new Dictionary<string, object>
            {
                ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = new[] { devicePath + "*" } },
            }));
        }

        // "Resource/Resource", as the L2 Policy placed it (same logical ID and policy name).
        var scopeFacts = ScopeFacts.Of(scope);
        Policy = InlinePolicy.Create(this, scopeFacts.Path + "/" + id, scopeFacts.StackPath, "Resource", statements, props.Role.RoleName);
    }

    public CfnPolicy Policy { get; }
}
