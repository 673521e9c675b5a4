using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Permissions;

/// <summary>
/// Gathers the policies of a role session from a synthesized stack: the role's inline policies, its
/// <c>AWS::IAM::Policy</c> resources and this template's managed policies (as the template reader attaches them), its
/// AWS managed policies from the embedded snapshot (<see cref="ManagedPolicyCatalog"/>), its permissions boundary, and
/// for a Roles Anywhere profile session the profile's <c>SessionPolicy</c> and <c>ManagedPolicyArns</c>
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rolesanywhere-profile.html). Whatever
/// cannot be read in full becomes an unknown policy, never an empty one.
/// </summary>
internal static class SessionPermissionsReader
{
    /// <param name="pin">
    /// Rewrites each template document before it is compiled (the rules' probes pin this template's own resources to
    /// stand-in names, see <c>Rules/PermissionProbes.cs</c>); null keeps the documents as written.
    /// </param>
    public static SessionPermissions ForRole(StackTemplate stack, RoleResource role, ManagedPolicyCatalog catalog, Func<PolicyDocument, PolicyDocument>? pin = null) =>
        new(role.ConfigName ?? role.LogicalId, Identity(role, catalog, pin), Boundary(stack, role, catalog), null);

    public static SessionPermissions ForProfileSession(
        StackTemplate stack, RoleResource role, RolesAnywhereProfileResource profile, ManagedPolicyCatalog catalog, Func<PolicyDocument, PolicyDocument>? pin = null)
    {
        var session = SessionLayer(profile, catalog, pin);
        return new(role.ConfigName ?? role.LogicalId, Identity(role, catalog, pin), Boundary(stack, role, catalog), session.Count > 0 ? session : null, "profile:" + (profile.Name ?? profile.LogicalId));
    }

    /// <summary>The profile's session policy and managed session policies, in that order; empty when it has none.</summary>
    public static List<LayerPolicy> SessionLayer(RolesAnywhereProfileResource profile, ManagedPolicyCatalog catalog, Func<PolicyDocument, PolicyDocument>? pin = null)
    {
        var origin = $"profile {profile.Name ?? profile.LogicalId}";
        var session = new List<LayerPolicy>();
        if (profile.SessionPolicy is { } text)
        {
            session.Add(SessionPolicy(text, origin, pin));
        }

        session.AddRange(profile.ManagedPolicyArns.Select(arn => Managed(PolicyLayer.SessionPolicy, arn, catalog, $"{origin} managed")));
        return session;
    }

    /// <summary>The profile of <paramref name="stack"/> named <paramref name="name"/> (its Name or logical ID).</summary>
    public static RolesAnywhereProfileResource? FindProfile(StackTemplate stack, string name) =>
        stack.RolesAnywhereProfiles.FirstOrDefault(p => p.Name == name) ?? stack.RolesAnywhereProfiles.FirstOrDefault(p => p.LogicalId == name);

    /// <summary>The identity layer: inline policies, this template's managed policies, then the AWS managed ones by ARN.</summary>
    public static List<LayerPolicy> Identity(RoleResource role, ManagedPolicyCatalog catalog, Func<PolicyDocument, PolicyDocument>? pin = null)
    {
        var policies = role.PermissionPolicies.Select(p => LayerPolicy.Known(PolicyLayer.Identity, p.Name, Origin(p.Kind), CompiledPolicy.Compile(pin is null ? p.Document : pin(p.Document), p.Name))).ToList();
        policies.AddRange(role.ManagedPolicyArns.Select(arn => Managed(PolicyLayer.Identity, arn, catalog, "managed")));
        return policies;
    }

    private static string Origin(PermissionPolicyKind kind) => kind switch
    {
        PermissionPolicyKind.Inline => "inline",
        PermissionPolicyKind.InlineResource => "inline (AWS::IAM::Policy)",
        _ => "customer managed (this template)",
    };

    /// <summary>
    /// The boundary layer: null without a boundary. An AWS managed policy is read from the snapshot; any other ARN
    /// (a customer managed policy of the account, a deploy-time value) is unknown, so nothing it could limit is proved.
    /// </summary>
    private static List<LayerPolicy>? Boundary(StackTemplate stack, RoleResource role, ManagedPolicyCatalog catalog)
    {
        if (role.PermissionsBoundary is not { } arn)
        {
            return null;
        }

        if (SymbolicValue.TryParseReference(arn, out var logicalId, out _)
            && stack.ResourceTypes.TryGetValue(logicalId, out var type) && type == "AWS::IAM::ManagedPolicy")
        {
            return [LayerPolicy.Unknowable(PolicyLayer.PermissionsBoundary, logicalId, "permissions boundary",
                $"the boundary is this template's managed policy {logicalId}, which the permission side does not read yet; whatever it would limit is not proved")];
        }

        return [Managed(PolicyLayer.PermissionsBoundary, arn, catalog, "permissions boundary")];
    }

    private static LayerPolicy Managed(PolicyLayer layer, string arn, ManagedPolicyCatalog catalog, string origin)
    {
        switch (catalog.Find(arn))
        {
            case ManagedPolicyLookup.Known { Caveat: null } known:
                return LayerPolicy.Known(layer, known.Name, "AWS managed", CompiledPolicy.Compile(known.Document, known.Name));
            case ManagedPolicyLookup.Known known:
                // Another partition's policy of the same name need not say the same: never prove from it.
                return LayerPolicy.Unknowable(layer, arn, origin, known.Caveat!);
            case ManagedPolicyLookup.Unknown unknown:
                var suggestion = unknown.Suggestions.Count > 0 ? $" (did you mean {unknown.Suggestions[0]}?)" : string.Empty;
                return LayerPolicy.Unknowable(layer, arn, origin, $"{unknown.Reason}{suggestion}; {unknown.Fix}");
            default:
                return LayerPolicy.Unknowable(layer, arn, origin, "the managed-policy snapshot gave no answer");
        }
    }

    private static LayerPolicy SessionPolicy(string text, string origin, Func<PolicyDocument, PolicyDocument>? pin)
    {
        if (pin is not null)
        {
            // Pinned before the symbol test: a template resource in the text is then a stand-in name, not unknown. Text
            // that is no policy document (a whole-document Fn::Sub) is judged below like any other.
            try
            {
                return LayerPolicy.Known(PolicyLayer.SessionPolicy, "session policy", origin, CompiledPolicy.Compile(pin(PolicyParser.Parse(text)), "session policy"));
            }
            catch (PolicyParseException)
            {
            }
        }

        if (SymbolicValue.ContainsSymbol(text))
        {
            return LayerPolicy.Unknowable(PolicyLayer.SessionPolicy, "session policy", origin, "the session policy holds a deploy-time value, so its statements are not known offline");
        }

        try
        {
            return LayerPolicy.Known(PolicyLayer.SessionPolicy, "session policy", origin, CompiledPolicy.Compile(PolicyParser.Parse(text), "session policy"));
        }
        catch (PolicyParseException ex)
        {
            return LayerPolicy.Unknowable(PolicyLayer.SessionPolicy, "session policy", origin, $"the session policy cannot be read: {ex.Message}");
        }
    }
}
