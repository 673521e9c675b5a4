using Amazon.CDK.AWS.RolesAnywhere;
using Constructs;
using EdgeIam.Config.RolesAnywhere;
using EdgeIamMetadata = EdgeIam.Policy.Model.EdgeIamMetadata;

namespace EdgeIam.Infrastructure.RolesAnywhere;

/// <summary>
/// An enabled IAM Roles Anywhere trust anchor with CA and device-certificate expiry notifications, and its CRL when
/// one is configured. Retained with the stack's identity resources when the stack is protected.
/// </summary>
internal sealed class TrustAnchor : Construct
{
    /// <summary>Notification events Roles Anywhere raises before certificates expire (NotificationSetting Event values).
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-rolesanywhere-trustanchor-notificationsetting.html</summary>
    public static readonly IReadOnlyList<string> ExpiryEvents = ["CA_CERTIFICATE_EXPIRY", "END_ENTITY_CERTIFICATE_EXPIRY"];

    public TrustAnchor(Construct scope, string id, TrustAnchorProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var anchor = props.Anchor;
        if (anchor.ExpiryNotificationDays is < 1 or > 360)
        {
            throw new ArgumentException($"trust anchor '{anchor.Name}': expiry notification threshold must be 1..360 days", nameof(props));
        }

        var stack = EdgeIamStack.Containing(this);
        Resource = new CfnTrustAnchor(this, "Resource", new CfnTrustAnchorProps
        {
            Name = anchor.Name,
            Enabled = true,
            Source = Source(anchor.Source),
            NotificationSettings = ExpiryEvents.Select(e => (object)new CfnTrustAnchor.NotificationSettingProperty
            {
                Event = e,
                Enabled = true,
                Channel = "ALL",
                Threshold = anchor.ExpiryNotificationDays,
            }).ToArray(),
        });
        Resource.ApplyRemovalPolicy(stack.IdentityRemovalPolicy);
        Resource.AddMetadata(EdgeIamMetadata.TrustAnchor, anchor.Name);
        // Asked of node once: every role of the anchor pins it.
        Arn = Resource.AttrTrustAnchorArn;

        if (anchor.Crl is { } crl)
        {
            var cfnCrl = new CfnCRL(this, "Crl", new CfnCRLProps
            {
                Name = anchor.Name + "-crl",
                CrlData = crl.CrlPem,
                TrustAnchorArn = Arn,
                Enabled = true,
            });
            cfnCrl.ApplyRemovalPolicy(stack.IdentityRemovalPolicy);
        }
    }

    public CfnTrustAnchor Resource { get; }

    /// <summary>The anchor's ARN (<c>Fn::GetAtt [logicalId, TrustAnchorArn]</c>), what role trust pins as aws:SourceArn.</summary>
    public string Arn { get; }

    private static CfnTrustAnchor.SourceProperty Source(TrustAnchorSource source) => source switch
    {
        CertificateSource certificate => new CfnTrustAnchor.SourceProperty
        {
            SourceType = "CERTIFICATE_BUNDLE",
            SourceData = new CfnTrustAnchor.SourceDataProperty { X509CertificateData = certificate.CertificatePem },
        },
        AcmPcaSource pca => new CfnTrustAnchor.SourceProperty
        {
            SourceType = "AWS_ACM_PCA",
            SourceData = new CfnTrustAnchor.SourceDataProperty { AcmPcaArn = pca.Arn },
        },
        _ => throw new ArgumentException("unknown trust anchor source " + source.GetType().Name, nameof(source)),
    };
}
