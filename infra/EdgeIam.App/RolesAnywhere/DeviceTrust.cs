using System.Text.Json;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;

namespace EdgeIam.App.RolesAnywhere;

/// <summary>
/// The trust side of a Roles Anywhere CreateSession, built like a device <c>canAssume</c> assertion
/// (EdgeIam.Policy/Assertions/AssumeAssertionCheck.cs) through the engine's public API: the service
/// <c>rolesanywhere.amazonaws.com</c> calls sts:AssumeRole with sts:TagSession and sts:SetSourceIdentity, so the trust
/// policy must allow all three (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html#trust-policy),
/// with <c>aws:SourceArn</c> the trust anchor and the certificate's attributes as <c>aws:PrincipalTag/x509...</c>.
/// </summary>
internal static class DeviceTrust
{
    public const string Service = "rolesanywhere.amazonaws.com";

    /// <summary>One report per device action; <paramref name="tags"/> are session tag keys (x509Subject/CN) and values.</summary>
    public static IReadOnlyList<CanAssumeReport> Evaluate(StackTemplate stack, RoleResource role, RaAnchor anchor, IEnumerable<KeyValuePair<string, string>> tags) =>
        [.. AccessRequest.RolesAnywhereSession(
                anchor.Resource.ArnSymbol,
                tags.Select(t => new KeyValuePair<string, IReadOnlyList<string>>("aws:PrincipalTag/" + t.Key, [t.Value])),
                stack.Environment.Account)
            .Select(request => CanAssumeReport.From(stack, role, request, role.EvaluateTrust(request, stack.Environment.Account)))];

    /// <summary>The report that decides: the first proved refused, else the first not allowed, else the first.</summary>
    public static CanAssumeReport Deciding(IReadOnlyList<CanAssumeReport> reports) =>
        reports.FirstOrDefault(r => r.Proved && !r.Allowed) ?? reports.FirstOrDefault(r => !r.Allowed) ?? reports[0];

    /// <summary>
    /// Whether the role's trust accepts sessions from <paramref name="anchor"/> whatever the certificate says: for each
    /// device action some Allow statement for the service has every <c>aws:SourceArn</c>/<c>aws:SourceAccount</c>
    /// condition holding (conditions on the certificate's tags are left to the certificate). Null when accepted, else why not.
    /// </summary>
    public static string? AnchorRefusal(StackTemplate stack, RoleResource role, RaAnchor anchor)
    {
        foreach (var report in Evaluate(stack, role, anchor, []))
        {
            var accepting = report.Statements.Any(s => s.Effect == "Allow" && s.PrincipalMatched && s.ActionMatched
                && s.Conditions.Where(c => IsSourceKey(c.Key)).All(c => c.Holds));
            if (!accepting)
            {
                var failed = report.Statements.SelectMany(s => s.Conditions).Where(c => IsSourceKey(c.Key) && !c.Holds).Select(c => $"{c.Operator} {c.Key} ({c.JsonPath})").Distinct(StringComparer.Ordinal).ToList();
                return failed.Count > 0
                    ? $"the trust policy of {role.DisplayName} does not accept trust anchor {anchor.Key} for {report.Action}: {string.Join("; ", failed)} does not hold for {anchor.Resource.ArnSymbol}"
                    : $"the trust policy of {role.DisplayName} has no statement allowing {Service} {report.Action}";
            }

            if (report.Statements.Any(s => s.Effect == "Deny" && s.PrincipalMatched && s.ActionMatched && s.Conditions.Where(c => IsSourceKey(c.Key)).All(c => c.Holds)
                && s.Conditions.All(c => IsSourceKey(c.Key))))
            {
                return $"the trust policy of {role.DisplayName} denies {report.Action} from trust anchor {anchor.Key}";
            }
        }

        return null;
    }

    private static bool IsSourceKey(string key) =>
        string.Equals(key, "aws:SourceArn", StringComparison.OrdinalIgnoreCase) || string.Equals(key, "aws:SourceAccount", StringComparison.OrdinalIgnoreCase);

    /// <summary>The logical ID a <c>Ref</c> or <c>Fn::GetAtt</c> points at (as the engine's intrinsic resolver reads it).</summary>
    public static string? ReferencedLogicalId(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty("Ref", out var r) && r.ValueKind == JsonValueKind.String)
        {
            return r.GetString();
        }

        return element.TryGetProperty("Fn::GetAtt", out var g)
            ? g.ValueKind switch
            {
                JsonValueKind.Array when g.GetArrayLength() > 0 && g[0].ValueKind == JsonValueKind.String => g[0].GetString(),
                JsonValueKind.String => g.GetString()!.Split('.')[0],
                _ => null,
            }
            : null;
    }
}
