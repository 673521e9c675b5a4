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
    /// The boundary layer: null without a boundary. This template's managed policy (Ref, or GetAtt PolicyArn) is read
    /// from the template; an AWS managed policy from the snapshot; a customer managed policy of the account from the
    /// document the stack file gives, only when the role's boundary (after the reader's intrinsic resolution) is
    /// literally the ARN that document belongs to. Anything else (another ARN, a deploy-time value, a policy whose
    /// document depends on deploy-time conditions) is unknown, so nothing it could limit is proved.
    /// </summary>
    private static List<LayerPolicy>? Boundary(StackTemplate stack, RoleResource role, ManagedPolicyCatalog catalog)
    {
        if (role.PermissionsBoundary is not { } arn)
        {
            return null;
        }

        if (SymbolicValue.TryParseReference(arn, out var logicalId, out var attribute)
            && stack.ResourceTypes.TryGetValue(logicalId, out var type) && type == "AWS::IAM::ManagedPolicy")
        {
            return [TemplateBoundary(stack, logicalId, attribute)];
        }

        if (stack.StackFileBoundary is { } given)
        {
            if (string.Equals(given.Arn, arn, StringComparison.Ordinal))
            {
                return [LayerPolicy.Known(PolicyLayer.PermissionsBoundary, given.Arn, StackFileOrigin(given), CompiledPolicy.Compile(given.Document, given.Arn),
                    $"the permissions boundary {given.Arn} is evaluated as given in the stack file ({given.File}); EdgeIam cannot check offline that the account's policy says the same")];
            }

            // A hand-written role may carry an AWS managed boundary the snapshot knows; any other stays unknown, and says why.
            var managed = Managed(PolicyLayer.PermissionsBoundary, arn, catalog, "permissions boundary");
            return managed.Policy is not null
                ? [managed]
                : [LayerPolicy.Unknowable(PolicyLayer.PermissionsBoundary, arn, "permissions boundary",
                    $"the stack file gives the document of {given.Arn} ({given.File}), and this role's boundary is not literally that ARN, so the document is not used; {managed.Unknown}")];
        }

        var boundary = Managed(PolicyLayer.PermissionsBoundary, arn, catalog, "permissions boundary");
        return boundary.Policy is not null || !CustomerManaged(arn)
            ? [boundary]
            : [LayerPolicy.Unknowable(PolicyLayer.PermissionsBoundary, arn, "permissions boundary",
                $"{boundary.Unknown}; a stack file gives the boundary's document with `permissionsBoundaryDocument` (a JSON file next to it)")];
    }

    /// <summary>An IAM policy ARN of an account (12 digits), not of <c>aws</c>: its document lives only in that account.</summary>
    private static bool CustomerManaged(string arn) => arn.Split(':') is [_, _, "iam", "", { Length: 12 } account, ..] && account.All(char.IsAsciiDigit);

    /// <summary>How a boundary read from the stack file is named in reports: what the stack file says, not what the account holds.</summary>
    internal static string StackFileOrigin(StackFileBoundary given) => $"customer managed, as given in the stack file ({given.File})";

    private static LayerPolicy TemplateBoundary(StackTemplate stack, string logicalId, string? attribute)
    {
        const string Origin = "customer managed (this template)";

        // Ref and GetAtt PolicyArn of an AWS::IAM::ManagedPolicy are its ARN; its other attributes are no ARN.
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-managedpolicy.html#aws-resource-iam-managedpolicy-return-values
        if (attribute is not (null or "PolicyArn"))
        {
            return LayerPolicy.Unknowable(PolicyLayer.PermissionsBoundary, logicalId, Origin,
                $"the boundary is the {attribute} of this template's managed policy {logicalId}, not its ARN (Ref or Fn::GetAtt PolicyArn), so it names no policy IAM would apply");
        }

        var readings = stack.ManagedPolicies.GetValueOrDefault(logicalId, []);
        return readings.Count switch
        {
            1 => LayerPolicy.Known(PolicyLayer.PermissionsBoundary, readings[0].Name, Origin, CompiledPolicy.Compile(readings[0].Document, readings[0].Name)),
            0 => LayerPolicy.Unknowable(PolicyLayer.PermissionsBoundary, logicalId, Origin, $"this template's managed policy {logicalId} was not read"),
            _ => LayerPolicy.Unknowable(PolicyLayer.PermissionsBoundary, readings[0].Name, Origin,
                $"this template's managed policy {logicalId} has {readings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} readings under its deploy-time conditions (Fn::If), so which document bounds the role is not known offline"),
        };
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ManagedPolicyCatalog, System.Collections.Concurrent.ConcurrentDictionary<(PolicyLayer Layer, string Name), LayerPolicy>> SnapshotPolicies = new();

    private static LayerPolicy Managed(PolicyLayer layer, string arn, ManagedPolicyCatalog catalog, string origin)
    {
        switch (catalog.Find(arn))
        {
            case ManagedPolicyLookup.Known { Caveat: null } known:
                // Compiled once per snapshot and layer: ReadOnlyAccess alone names thousands of actions, and a stack of
                // a thousand roles attaches it hundreds of times.
                return SnapshotPolicies.GetValue(catalog, _ => new()).GetOrAdd((layer, known.Name),
                    key => LayerPolicy.FromSnapshot(key.Layer, key.Name, CompiledPolicy.Compile(known.Document, key.Name), catalog));
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
