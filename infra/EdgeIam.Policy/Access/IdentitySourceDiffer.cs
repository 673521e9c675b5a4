using System.Text.Json.Nodes;

namespace EdgeIam.Policy.Access;

/// <summary>
/// What decides who can present an identity at all: OIDC providers (audiences, thumbprints, URL), Roles Anywhere
/// trust anchors and CRLs, the roles an instance profile hands to EC2, SAML providers (metadata document) and EKS Pod
/// Identity associations (which service account of which cluster gets which role). A new audience, thumbprint, role, another
/// CA, an anchor switched on or a CRL switched off / removed widens; a changed value the diff cannot order (a CA, a
/// CRL's contents, a URL) is not proved narrower.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-oidcprovider.html
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rolesanywhere-trustanchor.html
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rolesanywhere-crl.html
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-instanceprofile.html
/// </summary>
internal static class IdentitySourceDiffer
{
    private sealed record Kind(string Type, string Area, string Noun, string? NameProperty, string[] Lists, string[] Opaque, bool RemovalWidens)
    {
        /// <summary>Properties named in the details of a new one (what it connects).</summary>
        public string[] Shown { get; init; } = [];
    }

    private static readonly Kind[] Kinds =
    [
        new("AWS::IAM::OIDCProvider", "oidc", "OIDC provider", null, ["ClientIdList", "ThumbprintList"], ["Url"], false),
        new("Custom::AWSCDKOpenIdConnectProvider", "oidc", "OIDC provider", null, ["ClientIDList", "ThumbprintList"], ["Url"], false),
        new("AWS::RolesAnywhere::TrustAnchor", "anchor", "trust anchor", "Name", [], ["Source"], false),
        // A CRL only takes access away: removing one or its contents changing can give revoked certificates back.
        new("AWS::RolesAnywhere::CRL", "crl", "CRL", "Name", [], ["CrlData", "TrustAnchorArn"], true),
        new("AWS::IAM::InstanceProfile", "instance-profile", "instance profile", "InstanceProfileName", ["Roles"], [], false),
        // Another metadata document is another signing certificate (or IdP): who can sign assertions changed.
        new("AWS::IAM::SAMLProvider", "saml", "SAML provider", "Name", [], ["SamlMetadataDocument"], false),
        // A service account of a cluster that gets a role's credentials (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-eks-podidentityassociation.html).
        new("AWS::EKS::PodIdentityAssociation", "pod-identity", "Pod Identity association", null, [], ["ClusterName", "Namespace", "ServiceAccount", "RoleArn", "TargetRoleArn"], false)
        {
            Shown = ["ClusterName", "Namespace", "ServiceAccount", "RoleArn"],
        },
    ];

    public static IEnumerable<AccessChange> Diff(string stack, RawStack before, RawStack after)
    {
        foreach (var kind in Kinds)
        {
            var b = before.OfType(kind.Type).ToDictionary(r => r.LogicalId, r => r.Resource, StringComparer.Ordinal);
            var a = after.OfType(kind.Type).ToDictionary(r => r.LogicalId, r => r.Resource, StringComparer.Ordinal);
            foreach (var id in b.Keys.Union(a.Keys).Order(StringComparer.Ordinal))
            {
                b.TryGetValue(id, out var old);
                a.TryGetValue(id, out var @new);
                var label = TemplateNode.Label(id, (@new ?? old)!, kind.NameProperty);
                if (old is null)
                {
                    var crl = kind.RemovalWidens;
                    yield return new AccessChange(stack, label, kind.Area, crl ? ChangeKind.Narrowed : ChangeKind.Added, $"new {kind.Noun}",
                        [.. kind.Lists.SelectMany(l => TemplateNode.Items(TemplateNode.Get(@new!["Properties"], l)).Select(v => $"{Name(l)} {Text(v)}")),
                            .. kind.Shown.Select(p => $"{Name(p)} {Short(TemplateNode.Get(@new!["Properties"], p))}")]);
                    continue;
                }

                if (@new is null)
                {
                    yield return kind.RemovalWidens
                        ? new AccessChange(stack, label, kind.Area, ChangeKind.Widened, $"{kind.Noun} removed: its revocations no longer apply", [])
                        : new AccessChange(stack, label, kind.Area, ChangeKind.Removed, $"{kind.Noun} removed", []);
                    continue;
                }

                foreach (var change in Compare(stack, label, kind, old["Properties"], @new["Properties"]).OrderBy(c => c.IsWidening ? 0 : 1))
                {
                    yield return change;
                }
            }
        }
    }

    private static IEnumerable<AccessChange> Compare(string stack, string label, Kind kind, JsonNode? b, JsonNode? a)
    {
        foreach (var list in kind.Lists)
        {
            var before = TemplateNode.Items(TemplateNode.Get(b, list)).Select(Text).ToHashSet(StringComparer.Ordinal);
            var after = TemplateNode.Items(TemplateNode.Get(a, list)).Select(Text).ToHashSet(StringComparer.Ordinal);
            foreach (var added in after.Except(before).Order(StringComparer.Ordinal))
            {
                yield return new AccessChange(stack, label, kind.Area, ChangeKind.Widened, $"{Name(list)} added: {added}", []);
            }

            foreach (var removed in before.Except(after).Order(StringComparer.Ordinal))
            {
                yield return new AccessChange(stack, label, kind.Area, ChangeKind.Narrowed, $"{Name(list)} removed: {removed}", []);
            }
        }

        foreach (var key in kind.Opaque)
        {
            var before = TemplateNode.Get(b, key);
            var after = TemplateNode.Get(a, key);
            if (TemplateNode.Canonical(before) != TemplateNode.Canonical(after))
            {
                yield return new AccessChange(stack, label, kind.Area, ChangeKind.Widened, $"{Name(key)} changed (cannot prove narrower)",
                    [$"{Short(before)} -> {Short(after)}"]);
            }
        }

        // Enabled: absent means enabled (CreateTrustAnchor / ImportCrl "enabled" default true is not documented for
        // CloudFormation, so an absent value is read as the looser, enabled).
        var wasEnabled = TemplateNode.Literal(TemplateNode.Get(b, "Enabled"))?.ToLowerInvariant() ?? "true";
        var isEnabled = TemplateNode.Literal(TemplateNode.Get(a, "Enabled"))?.ToLowerInvariant() ?? "true";
        if (kind.Type is "AWS::RolesAnywhere::TrustAnchor" or "AWS::RolesAnywhere::CRL" && wasEnabled != isEnabled)
        {
            var looser = kind.RemovalWidens ? isEnabled != "true" : isEnabled == "true";
            yield return new AccessChange(stack, label, kind.Area, looser ? ChangeKind.Widened : ChangeKind.Narrowed, $"enabled {wasEnabled} -> {isEnabled}", []);
        }
    }

    private static string Name(string property) => property switch
    {
        "ClientIdList" or "ClientIDList" => "audience",
        "ThumbprintList" => "thumbprint",
        "Roles" => "role",
        "Url" => "URL",
        "Source" => "CA source",
        "CrlData" => "CRL contents",
        "TrustAnchorArn" => "trust anchor",
        "SamlMetadataDocument" => "metadata document",
        "ClusterName" => "cluster",
        "Namespace" => "namespace",
        "ServiceAccount" => "service account",
        "RoleArn" => "role",
        "TargetRoleArn" => "target role",
        _ => property,
    };

    private static string Text(JsonNode? node) => TemplateNode.Literal(TemplateNode.Get(node, "Ref")) ?? TemplateNode.Literal(node) ?? TemplateNode.Canonical(node);

    private static string Short(JsonNode? node)
    {
        var text = TemplateNode.Literal(node) ?? TemplateNode.Canonical(node);
        return text.Length <= 80 ? text : $"{text[..77]}...";
    }
}
