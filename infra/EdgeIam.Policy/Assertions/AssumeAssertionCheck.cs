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

        var requests = new List<AccessRequest>();
        if (assertion.Device is { } device)
        {
            var anchor = stack.TrustAnchors.FirstOrDefault(a => a.IsNamed(device.TrustAnchor));
            if (anchor is null)
            {
                return new Outcome(role, $"the stack has no trust anchor '{device.TrustAnchor}'", []);
            }

            var context = new List<KeyValuePair<string, IReadOnlyList<string>>>(assertion.Context);
            if (device.CommonName is { } cn)
            {
                context.Add(new("aws:PrincipalTag/x509Subject/CN", [cn]));
            }

            requests.AddRange(AccessRequest.RolesAnywhereSession(anchor.ArnSymbol, context, stack.Environment.Account));
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

    /// <summary>One sentence on why (see <see cref="CanAssumeReport.Explain"/>).</summary>
    public static string Explain(CanAssumeReport report) => report.Explain();
}
