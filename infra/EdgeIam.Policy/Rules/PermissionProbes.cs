using System.Globalization;
using System.Text.RegularExpressions;
using EdgeIam.Policy.Access;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Permissions;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>How far a probe request gets through every policy layer of a session.</summary>
internal enum Reach
{
    /// <summary>A layer does not allow it, or a Deny refuses it.</summary>
    No,

    /// <summary>Allowed by every layer EdgeIam can see.</summary>
    Yes,

    /// <summary>Allowed once condition keys the probe does not carry are present (a conditional Allow).</summary>
    WhenConditionsHold,

    /// <summary>An unknown policy or a deploy-time value could decide it either way.</summary>
    CannotProve,
}

/// <summary>
/// What the effective-access rules (EIAM-PERM-004..007) ask the permission engine (<see cref="SessionPermissions"/>):
/// probe requests, decided like any other request. A probe names a resource no real resource has
/// (<c>arn:aws:iot:us-east-1:111111111111:topic/edgeiam-probe</c>): built from the ARN formats of the Service
/// Authorization Reference when the question is "every resource" (a pattern that matches the probe leaves the
/// resource open, as in <see cref="PermissionBreadth"/>), or from a statement's own pattern, wildcards filled with the
/// probe token, when the question is "some resource this statement names". Policy variables get one probe value,
/// carried in the request's context, so <c>devices/${aws:PrincipalTag/x509Subject/CN}/*</c> matches its own instance.
/// <para>
/// Unlike <c>can-do</c>, where a literal resource may be what <c>${Bucket.Arn}</c> deploys as, a probe is never one of
/// this template's resources; so this template's resources (and pseudo parameters) are pinned to stand-in names before
/// compiling (<see cref="Pin"/>): <c>${Bucket.Arn}/*</c> is one bucket, not "perhaps every bucket". Parameters and
/// unresolved values stay deploy-time values, and a decision they could change is <see cref="Reach.CannotProve"/>.
/// </para>
/// </summary>
internal sealed partial class PermissionProbes
{
    /// <summary>The name no real resource has, in every probe.</summary>
    public const string Token = "edgeiam-probe";

    private const string VariableValue = "edgeiam-probe-value";

    private readonly StackTemplate _stack;

    public PermissionProbes(StackTemplate stack)
    {
        _stack = stack;
        Partition = stack.Environment.Partition;
        Region = stack.Environment.Region ?? "us-east-1";
        Account = stack.Environment.Account is { Length: 12 } account && account.All(char.IsAsciiDigit) ? account : "000000000000";
    }

    public string Partition { get; }

    public string Region { get; }

    public string Account { get; }

    public static ManagedPolicyCatalog Catalog => ManagedPolicyCatalog.Embedded;

    public SessionPermissions ForRole(RoleResource role) => SessionPermissionsReader.ForRole(_stack, role, Catalog, Pin);

    public SessionPermissions ForProfile(RoleResource role, RolesAnywhereProfileResource profile) =>
        SessionPermissionsReader.ForProfileSession(_stack, role, profile, Catalog, Pin);

    public List<LayerPolicy> Identity(RoleResource role) => SessionPermissionsReader.Identity(role, Catalog, Pin);

    public List<LayerPolicy> SessionLayer(RolesAnywhereProfileResource profile) => SessionPermissionsReader.SessionLayer(profile, Catalog, Pin);

    /// <summary>The template's Roles Anywhere profiles that vend <paramref name="role"/>.</summary>
    public IEnumerable<RolesAnywhereProfileResource> ProfilesOf(RoleResource role) =>
        _stack.RolesAnywhereProfiles.Where(p => p.RoleLogicalIds.Contains(role.LogicalId, StringComparer.Ordinal));

    /// <summary>
    /// The sessions a role hands out that the template shows: one per profile of this template that lists it (each with
    /// that profile's session policies), and the role on its own when no profile lists it.
    /// </summary>
    public IEnumerable<SessionPermissions> Sessions(RoleResource role, bool rolesAnywhere)
    {
        var profiles = rolesAnywhere ? ProfilesOf(role).ToList() : [];
        return profiles.Count == 0 ? [ForRole(role)] : profiles.Select(p => ForProfile(role, p));
    }

    /// <summary>A request of the role's session for <paramref name="action"/> on the probe.</summary>
    public AccessRequest Request(RoleResource role, string action, Probe probe) =>
        new(RequestPrincipal.Parse(AccessAnalyzer.SessionPrincipalArn(_stack, role)), action, probe.Resource,
            probe.Variables.Count == 0 ? null : RequestContext.FromPairs(probe.Variables.Select(v => new KeyValuePair<string, string>(v, VariableValue))));

    /// <summary>
    /// Resources of every type <paramref name="action"/> applies to, each outside anything a policy names
    /// (<c>arn:aws:s3:::edgeiam-probe/edgeiam-probe</c> for s3:GetObject); <c>*</c> for an action without resource types.
    /// </summary>
    public IReadOnlyList<Probe> Anywhere(ActionEntry action)
    {
        var service = ServiceAuthorization.Data.Find(action.Service);
        var probes = action.ResourceTypes
            .Select(t => service?.ResourceTypeArns.GetValueOrDefault(t.Name))
            .OfType<string>()
            .Select(format => new Probe(ArnPlaceholder().Replace(format, m => m.Groups[1].Value switch
            {
                "Partition" => Partition,
                "Region" => Region,
                "Account" => Account,
                _ => Token,
            }), []))
            .Distinct()
            .ToList();
        return probes.Count > 0 ? probes : [new Probe("*", [])];
    }

    /// <summary>
    /// Probes of resources <paramref name="statement"/> names for <paramref name="action"/>: an instance of each
    /// Resource pattern (wildcards filled with the probe token), or <see cref="Anywhere"/> for a pattern that leaves the
    /// resource open, for NotResource, and for a statement without Resource.
    /// </summary>
    public IReadOnlyList<Probe> Within(Statement statement, ActionEntry action)
    {
        if (statement.Resource is not { } resources)
        {
            return Anywhere(action);
        }

        var probes = new List<Probe>();
        foreach (var pattern in resources.Values)
        {
            if (PermissionBreadth.CoversEveryResource(pattern))
            {
                probes.AddRange(Anywhere(action));
            }
            else
            {
                probes.Add(Instance(pattern));
            }
        }

        return [.. probes.Distinct()];
    }

    /// <summary>A resource the pattern matches: policy variables set to one probe value, <c>*</c> and <c>?</c> filled.</summary>
    public static Probe Instance(string pattern)
    {
        var variables = new List<string>();
        var text = PolicyVariable().Replace(pattern, m =>
        {
            var inner = m.Groups[1].Value;
            switch (inner)
            {
                case "*" or "?" or "$":
                    return inner;
                default:
                    var key = inner.Split(',')[0].Trim();
                    variables.Add(key);
                    return VariableValue;
            }
        });
        return new Probe(text.Replace("*", Token, StringComparison.Ordinal).Replace('?', 'q'), variables);
    }

    /// <summary>
    /// Decides <paramref name="request"/> for <paramref name="session"/>. Beyond the engine's outcome, an implicit deny
    /// that would be an allow once the request carries condition keys it lacks is <see cref="Reach.WhenConditionsHold"/>:
    /// a probe carries no keys, and a conditional grant is still a grant.
    /// </summary>
    public static Reach Reaches(SessionPermissions session, AccessRequest request, out PermissionEvaluation evaluation)
    {
        evaluation = session.Evaluate(request);
        switch (evaluation.Outcome)
        {
            case PermissionOutcome.Allowed:
                return Reach.Yes;
            case PermissionOutcome.ExplicitlyDenied:
                return Reach.No;
            case PermissionOutcome.CannotProve:
                return Reach.CannotProve;
        }

        var conditional = false;
        foreach (var layer in evaluation.Layers)
        {
            if (layer.Allowed || layer.Unknown.Count > 0 || layer.Perhaps.Any(p => p.Statement.Effect == Effect.Allow))
            {
                continue;
            }

            if (layer.ConditionalAllows.Count == 0)
            {
                return Reach.No;
            }

            conditional = true;
        }

        return conditional ? Reach.WhenConditionsHold : Reach.CannotProve;
    }

    /// <summary>The identity statement that grants the request (allows it, allows it under conditions, or perhaps allows it).</summary>
    public static StatementHit? Grant(PermissionEvaluation evaluation)
    {
        var identity = evaluation.Layers[0];
        return identity.Allows.FirstOrDefault()
            ?? identity.ConditionalAllows.FirstOrDefault()
            ?? identity.Perhaps.FirstOrDefault(p => p.Statement.Effect == Effect.Allow);
    }

    /// <summary>Why a decision is not proved: the unknown policies and deploy-time statements that could change it, in words.</summary>
    public static string Caveat(PermissionEvaluation evaluation)
    {
        var reasons = evaluation.Layers.SelectMany(l => l.Unknown.Select(u => $"{u.Label} is unknown ({u.Unknown})")
            .Concat(l.Perhaps.Select(p => $"{p.Policy.Label} {p.Statement.Label} holds a deploy-time value")))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return reasons.Count == 0 ? "it cannot be proved either way" : string.Join("; ", reasons);
    }

    /// <summary>The grant's condition clauses the probe lacked, e.g. <c>StringEquals aws:ResourceTag/env</c>.</summary>
    public static string Conditions(StatementHit? hit) =>
        hit is null || hit.MissingKeyConditions.Count == 0 ? "its conditions" : string.Join(", ", hit.MissingKeyConditions.Select(c => $"{c.Operator.Name} {c.Key}"));

    /// <summary>
    /// The document with this template's resources and pseudo parameters pinned to stand-in values (the stack's own
    /// partition, region and account for those three), in resources and condition values. Parameters and unresolved
    /// intrinsics are kept: they stay deploy-time values.
    /// </summary>
    public PolicyDocument Pin(PolicyDocument document)
    {
        if (!document.Statements.Any(s => Values(s).Any(SymbolicValue.ContainsSymbol)))
        {
            return document;
        }

        return document with
        {
            Statements = [.. document.Statements.Select(s => s with
            {
                Resource = Pin(s.Resource),
                NotResource = Pin(s.NotResource),
                Conditions = [.. s.Conditions.Select(c => c with { Values = [.. c.Values.Select(Pin)] })],
            })],
        };
    }

    /// <summary>
    /// Every documented action the statement's <c>Action</c> names, or for <c>NotAction</c> every documented action it
    /// does not exclude (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html).
    /// </summary>
    public static IEnumerable<ActionEntry> ActionsOf(Statement statement)
    {
        if (statement.Action is { } named)
        {
            return named.Values.SelectMany(a => ServiceAuthorization.Matching(ServiceAuthorization.Data, a));
        }

        if (statement.NotAction is not { } excluded)
        {
            return [];
        }

        var matcher = new ActionMatcher(excluded);
        return ServiceAuthorization.Data.AllActions.Where(a => !matcher.MatchesAny(a.FullName.ToLowerInvariant()));
    }

    /// <summary>
    /// Where a grant is written: the statement itself for an inline or this template's managed policy, the role's
    /// <c>ManagedPolicyArns</c> for an AWS managed one (its statements are not in the template).
    /// </summary>
    public static string PathOf(RoleResource role, StatementHit hit) =>
        hit.Statement.JsonPath.StartsWith("$.Resources.", StringComparison.Ordinal) ? hit.Statement.JsonPath : role.JsonPath + ".Properties.ManagedPolicyArns";

    /// <summary>The written reason for a grant: its statement's Sid or its managed policy's name in the role's (or policy's) Metadata.</summary>
    public static string? Justification(RoleResource role, StatementHit hit)
    {
        var justifications = role.PermissionPolicies.FirstOrDefault(p => p.Name == hit.Policy.Name)?.Justifications.Merge(role.Justifications) ?? role.Justifications;
        return (hit.Statement.Sid is { } sid ? justifications.BySid.GetValueOrDefault(sid) : null) ?? justifications.BySid.GetValueOrDefault(hit.Policy.Name);
    }

    /// <summary>What qualifies a reach in a message: nothing, " when ... hold", or " unless ...: it cannot be proved".</summary>
    public static string Qualifier(Reach reach, PermissionEvaluation evaluation, StatementHit? hit) => reach switch
    {
        Reach.WhenConditionsHold => $" (when {Conditions(hit)} hold)",
        Reach.CannotProve => $" (not proved refused: {Caveat(evaluation)})",
        _ => string.Empty,
    };

    /// <summary>A human list: <c>a, b and 3 more</c>.</summary>
    public static string List(IReadOnlyCollection<string> items, int shown = 5) =>
        items.Count <= shown
            ? string.Join(", ", items)
            : string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", items.Take(shown))} and {items.Count - shown} more");

    private static IEnumerable<string> Values(Statement statement) =>
        (statement.Resource?.Values ?? []).Concat(statement.NotResource?.Values ?? []).Concat(statement.Conditions.SelectMany(c => c.Values));

    private ValueList? Pin(ValueList? list) => list is null ? null : list with { Values = [.. list.Values.Select(Pin)] };

    private string Pin(string value) =>
        !SymbolicValue.ContainsSymbol(value)
            ? value
            : TemplateSymbol().Replace(value, m =>
            {
                var symbol = m.Value;
                if (_stack.IsUnresolvedSymbol(symbol))
                {
                    return symbol;
                }

                return symbol switch
                {
                    "${AWS::Partition}" => Partition,
                    "${AWS::Region}" => Region,
                    "${AWS::AccountId}" => Account,
                    _ => "edgeiam-template-" + NonName().Replace(symbol[2..^1], "-"),
                };
            });

    // A template symbol (Ref, GetAtt, pseudo parameter, intrinsic) never holds exactly one colon; an IAM policy variable does.
    [GeneratedRegex(@"\$\{(?![^}:]*:[^}:]*\})[^}]*\}")]
    private static partial Regex TemplateSymbol();

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex PolicyVariable();

    [GeneratedRegex(@"\$\{([A-Za-z]+)\}")]
    private static partial Regex ArnPlaceholder();

    [GeneratedRegex("[^A-Za-z0-9-]+")]
    private static partial Regex NonName();
}

/// <summary>A probe resource and the policy variables (condition keys) it was built with.</summary>
internal sealed record Probe(string Resource, IReadOnlyList<string> Variables)
{
    public bool Equals(Probe? other) => other is not null && Resource == other.Resource && Variables.SequenceEqual(other.Variables);

    public override int GetHashCode() => Resource.GetHashCode(StringComparison.Ordinal);
}
