namespace EdgeIam.Config.Tests.Schema;

/// <summary>
/// The one list of where the stack-file JSON Schema and the loader are allowed to differ. Every entry is a rule only
/// the loader applies, because JSON Schema cannot express it over the JSON an editor sees; the schema never refuses
/// a file the loader accepts. The corpus proves each entry with at least one file (the schema accepts it, the loader
/// refuses it), and a test fails when an entry has no such file.
/// </summary>
internal static class SchemaLimits
{
    public static readonly IReadOnlyDictionary<string, string> LoaderOnlyRules = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cross-field"] =
            "a value compared with another part of the file: the stack's own account in crossAccount trustedAccounts or " +
            "trustedPrincipals, a permissions boundary or Private CA in another account/region/partition, a subnet outside " +
            "vpcCidr or overlapping another, a fleet zone not declared in network, carrierGatewayId without vpcId, " +
            "references by name (oidc.roles[].provider, profile trustAnchors/roles), unused anchors and roles, an audience " +
            "that is not one of the provider's, unique names across sections (JSON Schema has no cross-field equality)",
        ["provider-dependent"] =
            "rules that depend on the preset of the provider a role names (GitHub/GitLab subject formats, which claims AWS " +
            "STS evaluates, org-wide wildcards when the file also has a generic provider): the schema cannot follow the name",
        ["lost-in-yaml"] =
            "what the YAML core schema rewrites before an editor validates: an unquoted number's leading zeros, sign, base " +
            "(0x, 0o) or exponent (the loader reads the digits as written); the text of an unquoted number or boolean in a " +
            "text field (the schema accepts the YAML type wherever the field's pattern allows such a text, but cannot check " +
            "its length or digits); and the difference between `x:`, `x: null` and `x: ~` (all JSON null to an editor)",
        ["value-semantics"] =
            "checks of meaning rather than form: the region list, host bits of a CIDR, a port range whose low end is above " +
            "its high end, duplicates that differ only in YAML type (222222222222 and \"222222222222\"), certificate and CRL " +
            "contents",
        ["size-of-output"] =
            "limits on what EdgeIam writes rather than on a value: inline policy size (10,240 characters per role) and trust " +
            "policy size",
    };

    /// <summary>Loader refusals being added in parallel (issue 10, mostly the config engineer); the loader half of these cases is skipped until merged.</summary>
    public static readonly IReadOnlyDictionary<string, string> PendingLoaderRules = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["empty-lists"] = "config: refuse empty actions/resources lists (today the statement is silently dropped)",
        ["empty-operator"] = "config: refuse an empty condition operator block (today the condition disappears)",
        ["condition-values"] = "config: refuse null/empty condition keys and values and nested lists",
        ["complex-keys"] = "config: refuse non-scalar keys in conditions (today InvalidCastException)",
        ["tag-quota"] = "config: refuse more than 50 tags per resource",
        ["rule-quota"] = "config: refuse more than 60 inbound / 60 outbound security group rules (without the raised-quota key)",
        ["wildcard-meaning"] = "issue 10 item 2 (engine/config): a resource that matches every ARN of a service, partition or everything (arn:*, arn:aws:ec2:*:*:*) counts as * for the justification rule",
        ["policy-size"] = "config: refuse inline policies over 10,240 characters at load",
    };
}
