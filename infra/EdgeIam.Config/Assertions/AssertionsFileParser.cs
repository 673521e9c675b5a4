using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeIam.Config.Iam;
using EdgeIam.Config.Reading;
using EdgeIam.Config.Stack;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Reference;
using YamlDotNet.RepresentationModel;

namespace EdgeIam.Config.Assertions;

/// <summary>
/// Parses <c>stacks/&lt;name&gt;.assertions.yaml</c>: the access the stack's owners expect, checked by <c>edgeiam check</c>
/// (rules EIAM-ASSERT-*). Every name it uses (roles, trust anchors) must exist in the stack, every principal must
/// parse, so a typo is an error at synth and never an assertion that holds because it tests nothing.
/// </summary>
internal static partial class AssertionsFileParser
{
    /// <summary>The file next to <c>&lt;name&gt;.yaml</c> that holds its assertions.</summary>
    public const string Suffix = ".assertions.yaml";

    internal static readonly KeySet Keys = new("assertions-file", "assertions");

    internal static readonly KeySet ItemKeys = new(
        "assertions[]", "id", "why", EdgeIamMetadata.CanAssume, EdgeIamMetadata.CannotAssume, EdgeIamMetadata.OnlyAccounts,
        EdgeIamMetadata.OnlyRolesTrust, EdgeIamMetadata.WebIdentityPins, EdgeIamMetadata.NoRoleAcceptsTrustAnchor,
        EdgeIamMetadata.CanDo, EdgeIamMetadata.CannotDo);

    internal static readonly KeySet AssumeKeys = new("assertions[].canAssume", "role", "principal", "action", "context", "device");
    internal static readonly KeySet DeviceKeys = new("assertions[].canAssume.device", "trustAnchor", "commonName");
    internal static readonly KeySet PermissionKeys = new("assertions[].canDo", "role", "assumableBy", "permissionSet", "session", "action", "resource", "context");
    internal static readonly KeySet CallerKeys = new("assertions[].canDo.assumableBy", "principal", "action", "context", "device");
    internal static readonly KeySet OnlyAccountsKeys = new("assertions[].onlyAccounts", "accounts", "organizations");
    internal static readonly KeySet OnlyRolesTrustKeys = new("assertions[].onlyRolesTrust", "principal", "roles");
    internal static readonly KeySet WebIdentityPinsKeys = new("assertions[].webIdentityPins", "claims");
    internal static readonly KeySet NoRoleAcceptsKeys = new("assertions[].noRoleAcceptsTrustAnchor", "trustAnchor");

    /// <summary>The actions a role's trust policy decides (https://docs.aws.amazon.com/STS/latest/APIReference/API_Operations.html).</summary>
    private static readonly string[] TrustActions =
        ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"];

    private static readonly string[] Kinds = ItemKeys.Keys.Skip(2).ToArray();

    /// <summary>Parses the file; names are checked against <paramref name="stack"/>, or not at all when it is null (it did not load).</summary>
    public static AssertionsConfig? Parse(MappingReader root, StackConfig? stack)
    {
        var names = stack is null ? null : new Names(
            RoleNames.Of(stack).Select(r => r.Name).ToList(),
            (stack.RolesAnywhere?.TrustAnchors ?? []).Select(a => a.Name).ToList(),
            (stack.RolesAnywhere?.Profiles ?? []).DistinctBy(p => p.Name, StringComparer.Ordinal).ToDictionary(p => p.Name, p => p.RoleNames, StringComparer.Ordinal),
            (stack.IdentityCenter?.PermissionSets ?? []).Select(p => p.Name).ToList(),
            (stack.IdentityCenter?.Assignments ?? []).Select(a => a.PermissionSet).ToHashSet(StringComparer.Ordinal));
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = root.Items("assertions", ItemKeys, item => ParseItem(item, names, ids), required: true,
            fix: "add `assertions:` with at least one entry (see README, \"Access assertions\").");
        return new AssertionsConfig(root.Context.File, items);
    }

    /// <summary>What the stack defines, to check names against: roles, trust anchors, each profile's roles, permission sets and the assigned ones.</summary>
    private sealed record Names(List<string> Roles, List<string> Anchors, Dictionary<string, IReadOnlyList<string>> Profiles, List<string> PermissionSets, HashSet<string> Assigned);

    private static AssertionConfig? ParseItem(MappingReader item, Names? names, Dictionary<string, string> ids)
    {
        var roles = names?.Roles;
        var anchors = names?.Anchors;
        var id = item.Matching("id", IdPattern(), "an assertion ID (lower-case letters, digits and hyphens, at most 64)",
            "name it, e.g. `id: pull-requests-cannot-deploy-prod`.", required: true);
        if (id is not null && !ids.TryAdd(id, item.Path))
        {
            item.Error("id", $"assertion ID '{id}' is also used by {ids[id]}", "give each assertion its own ID.");
            id = null;
        }

        var why = item.String("why");
        var kinds = Kinds.Where(item.Has).ToList();
        if (kinds.Count != 1)
        {
            item.Context.Error(item.Node, item.Path,
                kinds.Count == 0 ? "says nothing to check" : $"has {string.Join(" and ", kinds)}; an assertion checks one thing",
                $"give exactly one of: {string.Join(", ", Kinds)} (one per list entry).");
            return null;
        }

        var kind = kinds[0];
        var body = kind switch
        {
            EdgeIamMetadata.CanAssume or EdgeIamMetadata.CannotAssume => item.Section(kind, AssumeKeys, b => Assume(b, roles, anchors)),
            EdgeIamMetadata.CanDo or EdgeIamMetadata.CannotDo => item.Section(kind, PermissionKeys, b => Permission(b, names, kind == EdgeIamMetadata.CanDo)),
            EdgeIamMetadata.OnlyAccounts => item.Section(kind, OnlyAccountsKeys, OnlyAccounts),
            EdgeIamMetadata.OnlyRolesTrust => item.Section(kind, OnlyRolesTrustKeys, b => OnlyRolesTrust(b, roles)),
            EdgeIamMetadata.WebIdentityPins => item.Section(kind, WebIdentityPinsKeys, WebIdentityPins),
            _ => item.Section(kind, NoRoleAcceptsKeys, b => Anchor(b, "trustAnchor", anchors) is { } a ? new JsonObject { ["trustAnchor"] = a } : null),
        };
        var at = item.Node.Start;
        return id is null || body is null ? null : new AssertionConfig(id, why, (int)at.Line, (int)at.Column, kind, body);
    }

    private static JsonObject? Assume(MappingReader body, List<string>? roles, List<string>? anchors)
    {
        var role = Role(body, "role", roles, required: true);
        var caller = Caller(body, anchors);
        if (role is null || caller is null)
        {
            return null;
        }

        caller.Insert(0, "role", role);
        return caller;
    }

    /// <summary>Who asks to assume a role: <c>principal</c> (with <c>action</c>) or <c>device</c>, and <c>context</c>; the body of canAssume without role.</summary>
    private static JsonObject? Caller(MappingReader body, List<string>? anchors)
    {
        var hasDevice = body.Has("device");
        if (hasDevice == body.Has("principal"))
        {
            body.Context.Error(body.Node, body.Path, hasDevice ? "has both `principal` and `device`" : "names no caller",
                "give `principal:` (a can-assume --principal spec, e.g. oidc:token.actions.githubusercontent.com) or `device:` (trustAnchor, commonName).");
            return null;
        }

        var result = new JsonObject();
        var ok = true;
        if (hasDevice)
        {
            if (body.Has("action"))
            {
                body.Error("action", "a device's request is fixed (Roles Anywhere calls sts:AssumeRole with sts:TagSession and sts:SetSourceIdentity)",
                    "remove `action:`; all three are checked.");
                ok = false;
            }

            var device = body.Section("device", DeviceKeys, d =>
            {
                var anchor = Anchor(d, "trustAnchor", anchors);
                // RFC 5280 ub-common-name: at most 64 characters.
                var cn = d.Matching("commonName", CommonNamePattern(), "a certificate common name (1-64 characters on one line)",
                    "write the device certificate's CN, e.g. `commonName: camera-7`.");
                return anchor is null ? null : new JsonObject { ["trustAnchor"] = anchor, ["commonName"] = cn };
            });
            if (device is null)
            {
                ok = false;
            }
            else
            {
                if (device["commonName"] is null)
                {
                    device.Remove("commonName");
                }

                result["device"] = device;
            }
        }
        else
        {
            var principal = Principal(body, "principal");
            ok &= principal is not null;
            result["principal"] = principal;
            var action = body.String("action");
            if (action is not null && !TrustActions.Contains(action, StringComparer.Ordinal))
            {
                body.Error("action", $"'{action}' is not an action a trust policy decides",
                    $"use one of {string.Join(", ", TrustActions)}, or leave it out (the principal's default: sts:AssumeRoleWithWebIdentity for oidc:, else sts:AssumeRole).");
                ok = false;
            }
            else if (action is not null)
            {
                result["action"] = action;
            }
        }

        var context = Context(body);
        if (context is null)
        {
            ok = false;
        }
        else if (context.Count > 0)
        {
            result["context"] = context;
        }

        return ok ? result : null;
    }

    /// <summary>
    /// <c>canDo</c>/<c>cannotDo</c>: a request of a role session. <c>role</c> or <c>assumableBy</c> (a caller as
    /// canAssume takes it, or just its principal spec); <c>session: profile:NAME</c>; one action (canDo) or an action
    /// pattern (cannotDo); an ARN or <c>*</c>; context.
    /// </summary>
    private static JsonObject? Permission(MappingReader body, Names? names, bool mustAllow)
    {
        var hasRole = body.Has("role");
        var hasCaller = body.Has("assumableBy");
        var hasSet = body.Has("permissionSet");
        var ok = true;
        var given = new[] { (hasRole, "`role`"), (hasCaller, "`assumableBy`"), (hasSet, "`permissionSet`") }.Where(g => g.Item1).Select(g => g.Item2).ToList();
        if (given.Count != 1)
        {
            body.Context.Error(body.Node, body.Path, given.Count == 0 ? "names no role" : $"has {(given.Count == 2 ? "both" : "all of")} {string.Join(" and ", given)}",
                "give one of `role:` (a role of the stack), `assumableBy:` (a caller as canAssume takes it: `principal:` with `context:`, or `device:`) and `permissionSet:` (an Identity Center permission set of the stack).");
            ok = false;
        }

        var result = new JsonObject();
        string? role = null;
        if (hasRole)
        {
            role = Role(body, "role", names?.Roles, required: true);
            ok &= role is not null;
            result["role"] = role;
        }
        else if (hasSet)
        {
            var set = body.String("permissionSet", required: true, "name the permission set as identityCenter.permissionSets does, e.g. `permissionSet: EdgeOperator`.");
            set = set is null ? null : Known(body, body.Value("permissionSet")!, body.PathOf("permissionSet"), set, names?.PermissionSets, "permission set");
            if (set is not null && names is not null && !names.Assigned.Contains(set))
            {
                // Its sessions exist only where it is assigned: an assertion about an unassigned set checks nothing.
                body.Error("permissionSet", $"permission set {set} has no assignment in this stack file, so it has no session to check",
                    $"assign it under identityCenter.assignments (`- permissionSet: {set}` with groups or users and accounts), or remove the assertion.");
                set = null;
            }

            ok &= set is not null;
            result["permissionSet"] = set;
            if (body.Has("session"))
            {
                body.Error("session", "a permission set's session is its own; `session:` names a Roles Anywhere profile session of a role",
                    "leave `session:` out, or check a role of the profile with `role:`.");
                ok = false;
            }
        }
        else if (hasCaller)
        {
            JsonObject? caller;
            if (body.Value("assumableBy") is YamlScalarNode)
            {
                // Shorthand: just the principal spec.
                var principal = Principal(body, "assumableBy");
                caller = principal is null ? null : new JsonObject { ["principal"] = principal };
            }
            else
            {
                caller = body.Section("assumableBy", CallerKeys, b => Caller(b, names?.Anchors));
            }

            ok &= caller is not null;
            result["assumableBy"] = caller;
        }

        if (!hasSet && body.String("session") is { } session)
        {
            const string Prefix = "profile:";
            var profiles = names?.Profiles;
            var listed = profiles is null ? "" : profiles.Count == 0 ? "the stack defines no Roles Anywhere profile." : $"sessions: {string.Join(", ", profiles.Keys.Select(p => Prefix + p))}.";
            if (!session.StartsWith(Prefix, StringComparison.Ordinal) || session.Length == Prefix.Length)
            {
                body.Error("session", $"'{session}' is not profile:NAME", $"write the Roles Anywhere profile whose session to check, e.g. `session: profile:edge-device`, or leave it out for the role on its own. {listed}".TrimEnd());
                ok = false;
            }
            else if (profiles is not null && !profiles.ContainsKey(session[Prefix.Length..]))
            {
                var nearest = KeySuggester.Nearest(session[Prefix.Length..], [.. profiles.Keys]);
                body.Error("session", $"the stack has no Roles Anywhere profile '{session[Prefix.Length..]}'",
                    (nearest is not null ? $"did you mean 'profile:{nearest}'? " : string.Empty) + listed);
                ok = false;
            }
            else if (profiles is not null && role is not null && !profiles[session[Prefix.Length..]].Contains(role, StringComparer.Ordinal))
            {
                var profileRoles = profiles[session[Prefix.Length..]];
                body.Error("session", $"profile {session[Prefix.Length..]} does not list role {role}, so it vends it no session",
                    $"name a profile that lists {role}, add {role} to the profile's roles, or check one of its roles: {string.Join(", ", profileRoles)}.");
                ok = false;
            }
            else
            {
                result["session"] = session;
            }
        }

        var action = body.String("action", required: true, fix: mustAllow
            ? "name the action to check, e.g. `action: s3:PutObject`."
            : "name the action to check, e.g. `action: iam:PassRole`, or a pattern such as `iam:*` (every matching action is checked).");
        if (action is not null)
        {
            var check = ServiceAuthorization.Check(action);
            if (!check.IsWellFormed)
            {
                body.Error("action", check.Message!, check.Fix!);
                action = null;
            }
            else if (ActionReferenceCheck.Problem(action) is { } problem)
            {
                body.Error("action", problem.Message, problem.Fix);
                action = null;
            }
            else if (mustAllow && action.AsSpan().IndexOfAny('*', '?') >= 0)
            {
                body.Error("action", $"'{action}' is a pattern; canDo checks one request",
                    $"name one action (e.g. {string.Join(", ", ServiceAuthorization.Expand(action).Take(3))}); a pattern is for cannotDo, which checks every action it matches.");
                action = null;
            }
        }

        ok &= action is not null;
        result["action"] = action;
        var resource = body.String("resource", required: true, fix: "give the resource's ARN, e.g. `resource: arn:aws:s3:::bucket/key`, or \"*\" (in quotes).");
        if (resource is not null && resource != "*" && !ResourceArnPattern().IsMatch(resource))
        {
            body.Error("resource", $"'{resource}' is not an ARN or *",
                resource.Contains('*', StringComparison.Ordinal) || resource.Contains('?', StringComparison.Ordinal)
                    ? "write one resource: a request names an ARN without wildcards; \"*\" alone means any resource for cannotDo."
                    : "write the full ARN (arn:partition:service:region:account:resource, e.g. arn:aws:s3:::bucket/key), or \"*\" (in quotes).");
            resource = null;
        }

        ok &= resource is not null;
        result["resource"] = resource;
        var context = Context(body);
        if (context is null)
        {
            ok = false;
        }
        else if (context.Count > 0)
        {
            result["context"] = context;
        }

        return ok ? result : null;
    }

    /// <summary>Condition keys of the request: each a value or a list of values (a multivalued key).</summary>
    private static JsonObject? Context(MappingReader body)
    {
        var node = body.Value("context");
        if (node is null)
        {
            return [];
        }

        if (node is not YamlMappingNode mapping || mapping.Children.Count == 0)
        {
            body.Error("context", node is YamlMappingNode ? "is an empty mapping" : "expected a mapping of condition keys",
                "write `context:` with indented `key: value` (or `key: [v1, v2]`) lines, or leave it out.");
            return null;
        }

        var context = new JsonObject();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = body.KeyText(keyNode, body.PathOf("context"));
            if (key is null)
            {
                ok = false;
                continue;
            }

            var path = body.PathOf("context") + "." + key;
            if (!seen.Add(key))
            {
                body.Context.Error(keyNode, path, $"condition key '{key}' appears twice (condition keys ignore case)", "write each key once; list several values as `key: [v1, v2]`.");
                ok = false;
                continue;
            }

            var values = new JsonArray();
            var items = valueNode is YamlSequenceNode list ? list.Children.ToList() : [valueNode];
            if (items.Count == 0)
            {
                body.Context.Error(valueNode, path, "is an empty list", "give the request's value(s), or remove the key (a key the request does not carry).");
                ok = false;
            }

            foreach (var value in items)
            {
                var text = body.ScalarText(value, path, "write the value as a plain string.");
                ok &= text is not null;
                values.Add(text);
            }

            context[key] = values;
        }

        return ok ? context : null;
    }

    private static JsonObject? OnlyAccounts(MappingReader body)
    {
        var accounts = body.Strings("accounts");
        var organizations = body.Strings("organizations");
        var ok = true;
        foreach (var (value, i) in accounts.Select((v, i) => (v, i)))
        {
            if (!AccountPattern().IsMatch(value))
            {
                body.Context.Error(body.ItemNode("accounts", i), body.ItemPath("accounts", i), $"'{value}' is not a 12-digit AWS account ID", "write the account as 12 digits in quotes.");
                ok = false;
            }
        }

        foreach (var (value, i) in organizations.Select((v, i) => (v, i)))
        {
            if (!OrganizationPattern().IsMatch(value))
            {
                body.Context.Error(body.ItemNode("organizations", i), body.ItemPath("organizations", i), $"'{value}' is not an AWS Organizations ID",
                    "write the organization ID, e.g. o-a1b2c3d4e5 (https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html).");
                ok = false;
            }
        }

        if (accounts.Count == 0 && organizations.Count == 0)
        {
            body.Context.Error(body.Node, body.Path, "allows no account and no organization",
                "list `accounts:` (the stack's own account is always allowed) and/or `organizations:`.");
            return null;
        }

        var result = new JsonObject();
        if (accounts.Count > 0)
        {
            result["accounts"] = new JsonArray([.. accounts.Select(a => (JsonNode?)a)]);
        }

        if (organizations.Count > 0)
        {
            result["organizations"] = new JsonArray([.. organizations.Select(o => (JsonNode?)o)]);
        }

        return ok ? result : null;
    }

    private static JsonObject? OnlyRolesTrust(MappingReader body, List<string>? roles)
    {
        var principal = Principal(body, "principal");
        var listed = body.Strings("roles", required: true, fix: "list the roles that may trust this principal: `roles: [GitHubDeployProd]`.");
        var ok = principal is not null && listed.Count > 0;
        for (var i = 0; i < listed.Count; i++)
        {
            ok &= Known(body, body.ItemNode("roles", i), body.ItemPath("roles", i), listed[i], roles, "role") is not null;
        }

        return ok ? new JsonObject { ["principal"] = principal, ["roles"] = new JsonArray([.. listed.Select(r => (JsonNode?)r)]) } : null;
    }

    private static JsonObject? WebIdentityPins(MappingReader body)
    {
        var claims = body.Strings("claims", required: true, fix: "list the claims every web-identity role must pin, e.g. `claims: [aud, sub]`.");
        var ok = claims.Count > 0;
        for (var i = 0; i < claims.Count; i++)
        {
            if (!ClaimPattern().IsMatch(claims[i]))
            {
                body.Context.Error(body.ItemNode("claims", i), body.ItemPath("claims", i), $"'{claims[i]}' is not a token claim name",
                    "write the claim as the token names it (aud, sub, job_workflow_ref, ...); the issuer prefix is added per role.");
                ok = false;
            }
        }

        return ok ? new JsonObject { ["claims"] = new JsonArray([.. claims.Select(c => (JsonNode?)c)]) } : null;
    }

    private static string? Principal(MappingReader body, string key)
    {
        var spec = body.String(key, required: true, fix: "give a caller as can-assume takes it: an IAM ARN or 12-digit account, service:<host>, or oidc:<issuer host/path>.");
        if (spec is null)
        {
            return null;
        }

        try
        {
            RequestPrincipal.Parse(spec);
            return spec;
        }
        catch (FormatException ex)
        {
            body.Error(key, ex.Message, "write an IAM ARN or 12-digit account, service:<host>, or oidc:<issuer host/path>.");
            return null;
        }
    }

    private static string? Role(MappingReader body, string key, List<string>? roles, bool required)
    {
        var name = body.String(key, required, "name the role as the stack file does, e.g. `role: GitHubDeployProd`.");
        return name is null ? null : Known(body, body.Value(key)!, body.PathOf(key), name, roles, "role");
    }

    private static string? Anchor(MappingReader body, string key, List<string>? anchors)
    {
        var name = body.String(key, required: true, fix: "name a trust anchor of rolesAnywhere.trustAnchors.");
        return name is null ? null : Known(body, body.Value(key)!, body.PathOf(key), name, anchors, "trust anchor");
    }

    private static string? Known(MappingReader body, YamlNode node, string path, string name, List<string>? known, string what)
    {
        if (known is null || known.Contains(name, StringComparer.Ordinal))
        {
            return name;
        }

        var nearest = KeySuggester.Nearest(name, known);
        body.Context.Error(node, path, $"the stack has no {what} '{name}'",
            (nearest is not null ? $"did you mean '{nearest}'? " : string.Empty) + (known.Count == 0 ? $"the stack defines no {what}." : $"{what}s: {string.Join(", ", known)}."));
        return null;
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    /// <summary>arn:partition:service:region:account:resource (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html), one resource: no wildcards, no spaces.</summary>
    [GeneratedRegex(@"^arn:[a-z][a-z0-9-]*:[a-z0-9][a-z0-9-]*:[a-z0-9-]*:[0-9]{0,12}:[^\s*?]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceArnPattern();

    [GeneratedRegex(@"^[^\r\n]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex CommonNamePattern();

    [GeneratedRegex(@"^\d{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();

    [GeneratedRegex(@"^o-[a-z0-9]{10,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex OrganizationPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.:/-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClaimPattern();
}
