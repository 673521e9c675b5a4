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

        return Evaluate(stack, role, assertion.Caller);
    }

    /// <summary>The caller's requests to assume <paramref name="role"/>, each decided by the role's trust (every branch reading).</summary>
    public static Outcome Evaluate(StackTemplate stack, RoleResource role, AssumeCaller caller)
    {
        var (problem, requests) = Requests(stack, caller);
        return problem is not null
            ? new Outcome(role, problem, [])
            : new Outcome(role, null, [.. requests.Select(r => CanAssumeReport.From(stack, role, r, role.EvaluateTrust(r, stack.Environment.Account)))]);
    }

    /// <summary>The assume-role requests of <paramref name="caller"/>, or why there are none (an unknown trust anchor, a principal that does not parse).</summary>
    public static (string? Problem, IReadOnlyList<AccessRequest> Requests) Requests(StackTemplate stack, AssumeCaller caller)
    {
        if (caller.Device is { } device)
        {
            var anchor = stack.TrustAnchors.FirstOrDefault(a => a.IsNamed(device.TrustAnchor));
            if (anchor is null)
            {
                return ($"the stack has no trust anchor '{device.TrustAnchor}'", []);
            }

            var context = new List<KeyValuePair<string, IReadOnlyList<string>>>(caller.Context);
            if (device.CommonName is { } cn)
            {
                context.Add(new("aws:PrincipalTag/x509Subject/CN", [cn]));
            }

            return (null, AccessRequest.RolesAnywhereSession(anchor.ArnSymbol, context, stack.Environment.Account));
        }

        try
        {
            return (null, [AccessRequest.AssumeRole(RequestPrincipal.Parse(caller.Principal!), caller.Action, RequestContext.From(caller.Context))]);
        }
        catch (FormatException ex)
        {
            return ($"principal '{caller.Principal}': {ex.Message}", []);
        }
    }

    /// <summary>One sentence on why (see <see cref="CanAssumeReport.Explain"/>).</summary>
    public static string Explain(CanAssumeReport report) => report.Explain();
}
