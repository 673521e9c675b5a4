namespace EdgeIam.Policy.Rules;

/// <summary>Every rule <c>check</c> runs, in the order of the rules table (docs/policy-engine.md).</summary>
internal static class RuleCatalog
{
    public static IReadOnlyList<PolicyRule> All { get; } =
    [
        new WebIdentityAudienceRule(),
        new WebIdentitySubjectRule(),
        new WebIdentityBroadSubjectRule(),
        new WebIdentityAndedSubjectsRule(),
        new SetOperatorOnSingleValuedKeyRule(),
        new AnyValueOnSingleValuedKeyRule(),
        new SamlAudienceRule(),
        new SamlForeignProviderRule(),
        new ServiceSourceRule(),
        new CrossAccountExternalIdRule(),
        new ExternalIdFormatRule(),
        new CrossAccountActionsRule(),
        new WildcardPrincipalRule(),
        new NotPrincipalInTrustRule(),
        new NotActionInTrustRule(),
        new MissingPrincipalInTrustRule(),
        new MalformedPrincipalRule(),
        new UnresolvedValueRule(),
        new UnknownManagedPolicyRule(),
        new RolesAnywhereSourceArnRule(),
        new RolesAnywhereActionsRule(),
        new ImdsV2RequiredRule(),
        new ImdsHopLimitRule(),
        new LongLivedCredentialsRule(),
        new WildcardPermissionRule(),
        new AdminManagedPolicyRule(),
        new UnknownActionRule(),
        new ManagedPolicyOverridesScopeRule(),
        new FederatedPermissionsManagementRule(),
        new PullRequestSecretsRule(),
        new SessionPolicyNarrowsNothingRule(),
        new TrustPolicySizeRule(),
        new InlinePolicySizeRule(),
        new ManagedPolicyCountRule(),
        new Assertions.CanAssumeAssertionRule(),
        new Assertions.CannotAssumeAssertionRule(),
        new Assertions.OnlyAccountsAssertionRule(),
        new Assertions.OnlyRolesTrustAssertionRule(),
        new Assertions.WebIdentityPinsAssertionRule(),
        new Assertions.NoRoleAcceptsTrustAnchorAssertionRule(),
        new Assertions.CanDoAssertionRule(),
        new Assertions.CannotDoAssertionRule(),
    ];

    public static PolicyRule? Find(string id) => All.FirstOrDefault(r => r.Descriptor.Id == id);
}
