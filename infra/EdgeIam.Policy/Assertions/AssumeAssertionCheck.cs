using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Assertions;

/// <summary>
/// Evaluates a <c>canAssume</c>/<c>cannotAssume</c> assertion with the same evaluator as <c>can-assume</c>. A device
/// is a Roles Anywhere CreateSession: the service calls <c>sts:AssumeRole</c> with <c>sts:TagSession</c> and
/// <c>sts:SetSourceIdentity</c>, so the trust policy must allow all three
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html#trust-policy), with
/// <c>aws:SourceArn</c> the trust anchor and the certificate's subject as <c>aws:PrincipalTag/x509Subject/*</c>.
/// </summary>
internal static class AssumeAssertionCheck
{
    public static readonly string[] DeviceActions = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"];

    /// <summary>The outcome: the role (null when missing), a problem that stops evaluation, and one report per request.</summary>
    internal sealed record Outcome(RoleResource? Role, string? Problem, IReadOnlyList<CanAssumeReport> Reports)
    {
        /// <summary>Every request allowed, and proved so.</summary>
        public bool ProvedAllowed => Problem is null && Reports.Count > 0 && Reports.All(r => r.Allowed);

        /// <summary>At least one request proved refused (so the session cannot be had).</summary>
        public bool ProvedDenied => Problem is null && Reports.Any(r => r.Proved && !r.Allowed);

        /// <summary>The report that decides the answer: the first not proved allowed, else the first.</summary>
        public CanAssumeReport? Deciding => Reports.FirstOrDefault(r => r.Proved && !r.Allowed) ?? Reports.FirstOrDefault(r => !r.Allowed) ?? Reports.FirstOrDefault();
    }

    public static Outcome Evaluate(StackTemplate stack, AssumeAssertion assertion)
    {
        var role = stack.FindRole(assertion.Role);
        if (role is null)
        {
            return new Outcome(null, $"the stack has no role '{assertion.Role}' (roles: {string.Join(", ", stack.Roles.Select(r => r.ConfigName ?? r.LogicalId))})", []);
        }

        var requests = new List<AccessRequest>();
        if (assertion.Device is { } device)
        {
            var anchor = stack.TrustAnchors.FirstOrDefault(a => a.IsNamed(device.TrustAnchor));
            if (anchor is null)
            {
                return new Outcome(role, $"the stack has no trust anchor '{device.TrustAnchor}'", []);
            }

            var context = new List<KeyValuePair<string, IReadOnlyList<string>>>(assertion.Context) { new("aws:SourceArn", [anchor.ArnSymbol]) };
            if (device.CommonName is { } cn)
            {
                context.Add(new("aws:PrincipalTag/x509Subject/CN", [cn]));
            }

            if (stack.Environment.Account is { } account && !assertion.Context.Any(c => string.Equals(c.Key, "aws:SourceAccount", StringComparison.OrdinalIgnoreCase)))
            {
                context.Add(new("aws:SourceAccount", [account]));
            }

            var service = RequestPrincipal.Service(Rules.TrustStatements.RolesAnywhereService);
            requests.AddRange(DeviceActions.Select(action => AccessRequest.AssumeRole(service, action, RequestContext.From(context))));
        }
        else
        {
            RequestPrincipal caller;
            try
            {
                caller = RequestPrincipal.Parse(assertion.Principal!);
            }
            catch (FormatException ex)
            {
                return new Outcome(role, $"principal '{assertion.Principal}': {ex.Message}", []);
            }

            requests.Add(AccessRequest.AssumeRole(caller, assertion.Action, RequestContext.From(assertion.Context)));
        }

        return new Outcome(role, null, [.. requests.Select(r => CanAssumeReport.From(stack, role, r, role.EvaluateTrust(r, stack.Environment.Account)))]);
    }

    /// <summary>
    /// One sentence on why: the decision, the deciding statement (label and JSON path) and the conditions that
    /// decided, or the statements naming the caller with the conditions that failed, or who is trusted instead.
    /// </summary>
    public static string Explain(CanAssumeReport report)
    {
        var parts = new List<string> { $"{report.Action} by {report.Principal} is {Describe(report)}" };
        foreach (var statement in report.Statements)
        {
            var conditions = statement.Deciding ? statement.Conditions : [.. statement.Conditions.Where(c => !c.Holds)];
            var why = !statement.PrincipalMatched ? "the principal does not match"
                : !statement.ActionMatched ? $"the action is not {statement.Action}"
                : conditions.Count == 0 ? "no condition" : string.Join("; ", conditions.Select(c => c.Explanation));
            parts.Add($"{(statement.Deciding ? "deciding" : "not applying")}: {statement.Effect} {statement.Label} at {statement.JsonPath} ({why})");
        }

        if (report.Statements.Count == 0)
        {
            parts.Add("no trust statement names this caller");
        }

        return string.Join("; ", parts);
    }

    private static string Describe(CanAssumeReport report) =>
        report.Allowed ? "allowed"
        : !report.Proved ? $"cannot be proved (depends on {string.Join(", ", report.DependsOn)})"
        : report.Decision == nameof(Decision.ExplicitlyDenied) ? "explicitly denied"
        : "denied";
}
