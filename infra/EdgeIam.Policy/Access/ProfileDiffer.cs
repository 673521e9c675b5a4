using System.Text.Json.Nodes;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Access;

/// <summary>
/// Roles Anywhere profiles (<c>AWS::RolesAnywhere::Profile</c>,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rolesanywhere-profile.html): a longer
/// session, a looser session policy, fewer managed policies (they restrict the session), more roles, enabling it or no
/// longer requiring instance properties all widen what a certificate gets.
/// </summary>
internal static class ProfileDiffer
{
    private const string Type = "AWS::RolesAnywhere::Profile";
    private const string Area = "profile";

    // "durationSeconds ... Default: 3600" https://docs.aws.amazon.com/rolesanywhere/latest/APIReference/API_CreateProfile.html
    private const int DefaultDurationSeconds = 3600;

    public static IEnumerable<AccessChange> Diff(string stack, RawStack before, RawStack after)
    {
        var b = before.OfType(Type).ToDictionary(r => r.LogicalId, r => r.Resource, StringComparer.Ordinal);
        var a = after.OfType(Type).ToDictionary(r => r.LogicalId, r => r.Resource, StringComparer.Ordinal);
        foreach (var id in b.Keys.Union(a.Keys).Order(StringComparer.Ordinal))
        {
            b.TryGetValue(id, out var old);
            a.TryGetValue(id, out var @new);
            var label = TemplateNode.Label(id, (@new ?? old)!, "Name");
            if (old is null)
            {
                yield return new AccessChange(stack, label, Area, ChangeKind.Added, "new Roles Anywhere profile", [.. Describe(@new!)]);
                continue;
            }

            if (@new is null)
            {
                yield return new AccessChange(stack, label, Area, ChangeKind.Removed, "Roles Anywhere profile removed", []);
                continue;
            }

            foreach (var change in Compare(stack, label, Props(old), Props(@new)).OrderBy(c => c.IsWidening ? 0 : 1))
            {
                yield return change;
            }
        }
    }

    private static JsonObject Props(JsonObject resource) => resource["Properties"] as JsonObject ?? [];

    private static IEnumerable<string> Describe(JsonObject resource)
    {
        var p = Props(resource);
        yield return $"session {Duration(p["DurationSeconds"])}, enabled {Bool(p["Enabled"], true)}, requireInstanceProperties {Bool(p["RequireInstanceProperties"], false)}";
        foreach (var role in TemplateNode.Items(p["RoleArns"]))
        {
            yield return $"role {RoleText(role)}";
        }

        if (p["SessionPolicy"] is null && TemplateNode.Items(p["ManagedPolicyArns"]).Count == 0)
        {
            yield return "no session policy and no managed policies: sessions get the roles' full permissions";
        }
    }

    private static IEnumerable<AccessChange> Compare(string stack, string label, JsonObject b, JsonObject a)
    {
        var beforeDuration = TemplateNode.Int(b["DurationSeconds"]) ?? (b["DurationSeconds"] is null ? DefaultDurationSeconds : null);
        var afterDuration = TemplateNode.Int(a["DurationSeconds"]) ?? (a["DurationSeconds"] is null ? DefaultDurationSeconds : null);
        if (TemplateNode.Canonical(b["DurationSeconds"]) != TemplateNode.Canonical(a["DurationSeconds"]) && beforeDuration != afterDuration)
        {
            // An unresolved duration cannot be proved shorter.
            var kind = beforeDuration is { } x && afterDuration is { } y && y < x ? ChangeKind.Narrowed : ChangeKind.Widened;
            yield return new AccessChange(stack, label, Area, kind, $"session duration {Duration(b["DurationSeconds"])} -> {Duration(a["DurationSeconds"])}", []);
        }

        foreach (var change in Flag(stack, label, "enabled", b["Enabled"], a["Enabled"], defaultValue: true, widenedWhen: true))
        {
            yield return change;
        }

        foreach (var change in Flag(stack, label, "requireInstanceProperties", b["RequireInstanceProperties"], a["RequireInstanceProperties"], defaultValue: false, widenedWhen: false))
        {
            yield return change;
        }

        // acceptRoleSessionName lets the caller pick the session name that CloudTrail records.
        foreach (var change in Flag(stack, label, "acceptRoleSessionName", b["AcceptRoleSessionName"], a["AcceptRoleSessionName"], defaultValue: false, widenedWhen: true))
        {
            yield return change;
        }

        var beforeRoles = TemplateNode.Items(b["RoleArns"]).Select(RoleText).ToHashSet(StringComparer.Ordinal);
        var afterRoles = TemplateNode.Items(a["RoleArns"]).Select(RoleText).ToHashSet(StringComparer.Ordinal);
        foreach (var role in afterRoles.Except(beforeRoles).Order(StringComparer.Ordinal))
        {
            yield return new AccessChange(stack, label, Area, ChangeKind.Widened, $"role added: {role}", []);
        }

        foreach (var role in beforeRoles.Except(afterRoles).Order(StringComparer.Ordinal))
        {
            yield return new AccessChange(stack, label, Area, ChangeKind.Narrowed, $"role removed: {role}", []);
        }

        // Managed policies on a profile are session policies, evaluated together with the inline session policy as
        // one layer (an action is allowed when any of them allows it; the session gets the intersection of the role's
        // policies and that layer: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session).
        // So next to other session policies a removed one narrows and an added one widens; the last one removed
        // widens (no cap left) and the first one added narrows (a new cap). The per-session effect diff says exactly
        // which actions changed.
        var beforeManaged = TemplateNode.Items(b["ManagedPolicyArns"]).Select(TemplateNode.Canonical).ToHashSet(StringComparer.Ordinal);
        var afterManaged = TemplateNode.Items(a["ManagedPolicyArns"]).Select(TemplateNode.Canonical).ToHashSet(StringComparer.Ordinal);
        var capLeft = afterManaged.Count > 0 || a["SessionPolicy"] is not null;
        foreach (var arn in beforeManaged.Except(afterManaged).Order(StringComparer.Ordinal))
        {
            yield return capLeft
                ? new AccessChange(stack, label, Area, ChangeKind.Narrowed, $"managed session policy removed: {Unquote(arn)}", ["the other session policies no longer allow what only it allowed"])
                : new AccessChange(stack, label, Area, ChangeKind.Widened, $"managed session policy removed: {Unquote(arn)}", ["no session policy left: sessions get the roles' full permissions"]);
        }

        var capBefore = beforeManaged.Count > 0 || b["SessionPolicy"] is not null;
        foreach (var arn in afterManaged.Except(beforeManaged).Order(StringComparer.Ordinal))
        {
            yield return capBefore
                ? new AccessChange(stack, label, Area, ChangeKind.Widened, $"managed session policy added: {Unquote(arn)}", ["session policies combine: the session may now do what this one allows too"])
                : new AccessChange(stack, label, Area, ChangeKind.Narrowed, $"managed session policy added: {Unquote(arn)}", ["a first session policy: sessions are capped by it"]);
        }

        foreach (var change in SessionPolicyChanges(stack, label, b["SessionPolicy"], a["SessionPolicy"]))
        {
            yield return change;
        }

        if (TemplateNode.Canonical(b["AttributeMappings"]) != TemplateNode.Canonical(a["AttributeMappings"]))
        {
            // Mappings decide the session tags that trust and permission conditions test: not proved narrower.
            yield return new AccessChange(stack, label, Area, ChangeKind.Widened, "attribute mappings changed (cannot prove narrower)",
                [$"{Mappings(b["AttributeMappings"])} -> {Mappings(a["AttributeMappings"])}"]);
        }
    }

    private static IEnumerable<AccessChange> SessionPolicyChanges(string stack, string label, JsonNode? before, JsonNode? after)
    {
        if (TemplateNode.Canonical(before) == TemplateNode.Canonical(after))
        {
            yield break;
        }

        var b = Grants(before);
        var a = Grants(after);
        if (b is null || a is null)
        {
            yield return new AccessChange(stack, label, Area, ChangeKind.Widened, "session policy changed (cannot read it: cannot prove narrower)", []);
            yield break;
        }

        foreach (var change in AccessDiffer.PermissionChanges(stack, label, b, a))
        {
            yield return change with { Area = Area, Summary = "session policy: " + change.Summary };
        }
    }

    /// <summary>The session policy as grants; none is "Allow * on *" (no cap); null when it cannot be read.</summary>
    private static List<PermissionGrant>? Grants(JsonNode? policy)
    {
        if (policy is null)
        {
            return [new PermissionGrant(Effect.Allow, "session policy", "(none)", ["*"], false, ["*"], false, [])];
        }

        try
        {
            var document = policy is JsonValue v && v.TryGetValue<string>(out var text) ? PolicyParser.Parse(text) : PolicyParser.Parse(policy.DeepClone(), JsonPaths.Root);
            return [.. document.Statements.Select(s => new PermissionGrant(
                s.Effect, "session policy", s.Label, (s.Action ?? s.NotAction)!.Values, s.NotAction is not null,
                (s.Resource ?? s.NotResource)?.Values ?? [], s.NotResource is not null, [.. s.Conditions.Select(ConditionFact.From)]))];
        }
        catch (PolicyParseException)
        {
            return null;
        }
    }

    private static IEnumerable<AccessChange> Flag(string stack, string label, string name, JsonNode? before, JsonNode? after, bool defaultValue, bool widenedWhen)
    {
        var b = Bool(before, defaultValue);
        var a = Bool(after, defaultValue);
        if (b == a)
        {
            yield break;
        }

        var kind = a == (widenedWhen ? "true" : "false") || a.Contains('{', StringComparison.Ordinal) ? ChangeKind.Widened : ChangeKind.Narrowed;
        yield return new AccessChange(stack, label, Area, kind, $"{name} {b} -> {a}", []);
    }

    private static string Bool(JsonNode? node, bool defaultValue) =>
        node is null ? (defaultValue ? "true" : "false") : TemplateNode.Literal(node)?.ToLowerInvariant() ?? TemplateNode.Canonical(node);

    private static string Duration(JsonNode? node) =>
        node is null ? $"{SessionDuration.Format(DefaultDurationSeconds)} (default)"
        : TemplateNode.Int(node) is { } s ? SessionDuration.Format(s) : TemplateNode.Canonical(node);

    private static string RoleText(JsonNode? node) =>
        TemplateNode.Get(node, "Fn::GetAtt") is JsonArray att && att.Count > 0 && TemplateNode.Literal(att[0]) is { } id ? id : TemplateNode.Literal(node) ?? TemplateNode.Canonical(node);

    private static string Mappings(JsonNode? node) =>
        node is null ? "(none)" : string.Join("; ", TemplateNode.Items(node).Select(m =>
            $"{TemplateNode.Literal(TemplateNode.Get(m, "CertificateField"))}: {string.Join(",", TemplateNode.Items(TemplateNode.Get(m, "MappingRules")).Select(r => TemplateNode.Literal(TemplateNode.Get(r, "Specifier"))))}"));

    private static string Unquote(string canonical) => canonical.Trim('"');
}
