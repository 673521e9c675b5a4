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
            "STS evaluates, org-wide wildcards when the file also has a generic provider, one claim conditioned with and " +
            "without the provider's host prefix): the schema cannot follow the name",
        ["lost-in-yaml"] =
            "what the YAML core schema rewrites before an editor validates: an unquoted number's leading zeros, sign, base " +
            "(0x, 0o) or exponent (the loader reads the digits as written); the text of an unquoted number or boolean in a " +
            "text field (the schema accepts the YAML type wherever the field's pattern allows such a text, but cannot check " +
            "its length or digits); and the difference between `x:`, `x: null` and `x: ~` (all JSON null to an editor)",
        ["value-semantics"] =
            "checks of meaning rather than form: the region list, host bits of a CIDR, a port range whose low end is above " +
            "its high end, duplicates in a list that holds an unquoted number or boolean (222222222222 and \"222222222222\"; 10 and 010, true and True are one JSON value but two texts, so the schema checks uniqueness only among strings), certificate and CRL " +
            "contents",
        ["size-of-output"] =
            "limits on what EdgeIam writes rather than on a value: inline policy size (10,240 characters per role, whitespace " +
            "excluded) and trust policy size",
        ["declared-quota"] =
            "with `quotas.securityGroupRulesPerGroup: N` declared, at most N ingress and N egress rules per fleet (the schema " +
            "applies the default 60 only when no quota is declared, and 1000, the cap of any quota, always)",
        ["case-insensitive-duplicates"] =
            "two actions, two condition keys under one operator, or two tag keys that differ only in case (IAM reads them as " +
            "one); JSON Schema's uniqueItems and property names compare exactly",
        ["text-edges"] =
            "leading or trailing whitespace and invisible or control characters in free-text values other than tags, " +
            "condition keys and values, resources and justifications (where the schema has the pattern): names that refer " +
            "to other entries, descriptions, subjects",
        ["service-authorization"] =
            "an action the Service Authorization Reference does not list (s3:PutObjcet), or a wildcard that matches none " +
            "(s3:Gte*): the schema would have to carry every action of every service",
        ["wildcard-by-meaning"] =
            "the justification rule where it depends on the reference or on matching: a write action whose name does not " +
            "say so (sts:GetFederationToken), a wildcard that reaches writes only by matching (s3:*Object), and resources " +
            "that match everything only by glob (arn:aws:s3:::*/*, ${...} variables); the schema asks for a justification " +
            "only where the loader surely does (JustificationRuleTests checks that against the reference)",
        ["yaml-shape"] =
            "YAML the document model would not keep: an explicit tag such as !Sub or !Ref (the editor sees the text), an " +
            "alias cycle, nesting deeper than 64 (the schema refuses any nesting it does not declare, but not by depth)",
    };
}
