using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeIam.Pki;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;

namespace EdgeIam.App.RolesAnywhere;

/// <summary>How one step of the dry run ended: <see cref="CannotProve"/> is never a success (fail closed).</summary>
internal enum StepStatus
{
    Ok,
    Refused,
    CannotProve,
}

/// <summary>One step of CreateSession: its name, outcome, what was found and (when not ok) the fix.</summary>
internal sealed record SessionStep(string Name, StepStatus Status, IReadOnlyList<string> Lines, string? Fix = null);

/// <summary>The dry run's steps, in the service's order, ending at the first step that is not ok.</summary>
internal sealed record SessionOutcome(IReadOnlyList<SessionStep> Steps)
{
    public bool Issued => Steps.Count > 0 && Steps.All(s => s.Status == StepStatus.Ok);

    public SessionStep? Refusing => Steps.FirstOrDefault(s => s.Status != StepStatus.Ok);
}

/// <summary>What <c>ra-session</c> was asked: the profile and role names, the device's certificates and limits.</summary>
/// <remarks><see cref="PrivateKeyPem"/> (optional) is held only to prove possession; it is never printed.</remarks>
internal sealed record SessionRequest(string Profile, string Role, X509Certificate2 Device, IReadOnlyList<X509Certificate2> Intermediates, string? TrustAnchor, int? SessionDuration, string? PrivateKeyPem = null);

/// <summary>
/// An offline replay of IAM Roles Anywhere <c>CreateSession</c>
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/authentication-create-session.html), step by step:
/// <list type="number">
/// <item>the request is signed with the device's private key and verified with the certificate's public key (signing
/// process, https://docs.aws.amazon.com/rolesanywhere/latest/userguide/authentication-sign-process.html): with
/// <c>--private-key</c> the key is proved to be the certificate's (<see cref="KeyPossession"/>), else the step says it
/// was assumed;</item>
/// <item>the certificate chain must verify against a trust anchor (trust model,
/// https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html): a CERTIFICATE_BUNDLE anchor is
/// checked with <see cref="ChainVerifier"/>; an ACM PCA anchor cannot be checked offline, so it is "cannot prove";</item>
/// <item>no imported, enabled CRL of that anchor may list the certificate (<see cref="RevocationChecker"/>);</item>
/// <item>the profile must be enabled and list the role;</item>
/// <item>the profile's attribute mappings turn the certificate into session tags
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/attribute-mapping.html);</item>
/// <item>the role's trust policy must allow <c>rolesanywhere.amazonaws.com</c> sts:AssumeRole, sts:TagSession and
/// sts:SetSourceIdentity with <c>aws:SourceArn</c> = the anchor and those tags as <c>aws:PrincipalTag/...</c>
/// (trust policy, https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html#trust-policy), evaluated
/// with the policy engine (<see cref="DeviceTrust"/>);</item>
/// <item>the session lasts min(profile durationSeconds, role MaxSessionDuration, requested duration) and is narrowed
/// by the profile's session policy and managed policies
/// (https://docs.aws.amazon.com/rolesanywhere/latest/APIReference/API_CreateProfile.html).</item>
/// </list>
/// </summary>
internal static class SessionDryRun
{
    /// <summary>The service's default when a profile or role sets no duration (one hour).</summary>
    public const int DefaultDurationSeconds = 3600;

    public static SessionOutcome Run(RolesAnywhereTemplate template, RaProfile profile, RoleResource role, SessionRequest request, DateTimeOffset now)
    {
        var steps = new List<SessionStep> { Signature(request) };
        if (steps[0].Status != StepStatus.Ok)
        {
            return new SessionOutcome(steps);
        }

        var candidates = request.TrustAnchor is { } named ? template.Anchors.Where(a => a.IsNamed(named)).ToList() : [.. template.Anchors];
        var (anchorStep, anchor, chain) = VerifyChain(candidates, request.Device, request.Intermediates, now);
        steps.Add(anchorStep);
        try
        {
            if (anchor is null || chain is null)
            {
                return new SessionOutcome(steps);
            }

            var crlStep = CheckRevocation(template, anchor, chain, [], now);
            steps.Add(crlStep);
            if (crlStep.Status != StepStatus.Ok)
            {
                return new SessionOutcome(steps);
            }

            var profileStep = CheckProfile(template, profile, role);
            steps.Add(profileStep);
            if (profileStep.Status != StepStatus.Ok)
            {
                return new SessionOutcome(steps);
            }

            var tags = SessionTags.From(request.Device, profile.AttributeMappings);
            steps.Add(new SessionStep("session tags", StepStatus.Ok, [
                profile.AttributeMappings is null ? "attribute mappings: the service defaults (x509Subject/*, x509Issuer/*, x509SAN DNS, URI, Name/*)" : "attribute mappings: " + string.Join("; ", profile.AttributeMappings.Select(m => $"{m.Field} {string.Join(", ", m.Specifiers)}")),
                .. tags.Tags.Select(t => $"{t.Key} = {t.Value}"),
                .. tags.Notes]));

            var trustStep = CheckTrust(template, anchor, role, tags.Tags);
            steps.Add(trustStep);
            if (trustStep.Status != StepStatus.Ok)
            {
                return new SessionOutcome(steps);
            }

            steps.Add(Session(profile, role, request.SessionDuration));
            return new SessionOutcome(steps);
        }
        finally
        {
            if (chain is { Count: > 0 })
            {
                chain[^1].Dispose();
            }
        }
    }

    private static SessionStep Signature(SessionRequest request)
    {
        if (request.PrivateKeyPem is not { } key)
        {
            return new SessionStep("signature", StepStatus.Ok, ["not proved: no --private-key given, so the dry run assumes the device signs with the key of its certificate (pass --private-key to prove it)"]);
        }

        return KeyPossession.Problem(key, request.Device) is { } problem
            ? new SessionStep("signature", StepStatus.Refused, [$"--private-key: {problem}", "the service verifies the request signature with the certificate's public key, so it would reject this request (signature does not match)"],
                "configure the device with the key written next to its certificate (NAME.key from `edgeiam pki issue`), or renew the certificate for the key it holds (`edgeiam pki renew --reuse-key --key FILE`)")
            : new SessionStep("signature", StepStatus.Ok, [$"--private-key is the key of '{request.Device.Subject}': a signature made with it verifies with the certificate"]);
    }

    /// <summary>
    /// Which trust anchor the chain verifies against. Roles Anywhere does not bind profiles to anchors: the request
    /// names an anchor ARN and the role's trust policy decides which anchors it accepts (aws:SourceArn, step 5). So every
    /// anchor of the stack is a candidate (or the one of <c>--trust-anchor</c>); the first that verifies is used.
    /// The caller owns the returned chain's last certificate (the anchor's).
    /// </summary>
    internal static (SessionStep Step, RaAnchor? Anchor, IReadOnlyList<X509Certificate2>? Chain) VerifyChain(IReadOnlyList<RaAnchor> candidates, X509Certificate2 device, IReadOnlyList<X509Certificate2> intermediates, DateTimeOffset now)
    {
        var lines = new List<string> { $"certificate '{device.Subject}' (serial {SerialNumbers.Of(device) ?? "?"}), issued by '{device.Issuer}'" };
        var unprovable = false;
        foreach (var anchor in candidates)
        {
            if (!anchor.Resource.Enabled)
            {
                lines.Add($"trust anchor {anchor.DisplayName}: disabled (Enabled false), the service refuses it");
                continue;
            }

            if (anchor.CertificateBundle is not { } bundle)
            {
                unprovable = true;
                lines.Add(anchor.PcaArn is { } pca
                    ? $"trust anchor {anchor.DisplayName}: cannot prove offline: its CA is ACM Private CA {pca}, whose certificate is not in the template"
                    : $"trust anchor {anchor.DisplayName}: cannot prove: the template carries no literal X509CertificateData");
                continue;
            }

            List<X509Certificate2> anchorCertificates;
            try
            {
                anchorCertificates = [.. Pem.Certificates(bundle).Select(der => X509CertificateLoader.LoadCertificate(der))];
            }
            catch (Exception ex) when (ex is CryptographicException or FormatException)
            {
                unprovable = true;
                lines.Add($"trust anchor {anchor.DisplayName}: cannot prove: its X509CertificateData is not a readable PEM bundle ({ex.Message.TrimEnd('.')})");
                continue;
            }

            try
            {
                foreach (var certificate in anchorCertificates.ToList())
                {
                    var verdict = ChainVerifier.Verify(certificate, device, intermediates, now);
                    if (verdict.Trusted)
                    {
                        lines.Add($"trust anchor {anchor.DisplayName}: verifies: {string.Join(" <- ", verdict.Path)}");
                        // The chain holds the caller's device and intermediates and this anchor certificate, which
                        // Run now owns (it is kept out of the disposal below).
                        var chain = verdict.Certificates.ToList();
                        anchorCertificates.Remove(certificate);
                        return (new SessionStep("trust anchor", StepStatus.Ok, lines), anchor, chain);
                    }

                    lines.Add($"trust anchor {anchor.DisplayName}: Untrusted signing certificate: {verdict.Link}: {verdict.Problem}");
                }
            }
            finally
            {
                anchorCertificates.ForEach(c => c.Dispose());
            }
        }

        if (candidates.Count == 0)
        {
            lines.Add("no trust anchor of the stack is a candidate");
        }

        const string Fix = "issue the device certificate from the CA of a trust anchor the role accepts (`edgeiam pki issue --ca DIR`), pass its intermediates with --intermediates, or add its CA to rolesAnywhere.trustAnchors and deploy";
        return unprovable
            ? (new SessionStep("trust anchor", StepStatus.CannotProve, [.. lines, "cannot prove that the chain verifies against any trust anchor of the stack (Untrusted signing certificate for every anchor that could be checked)"], Fix), null, null)
            : (new SessionStep("trust anchor", StepStatus.Refused, [.. lines, "Untrusted signing certificate: the chain verifies against no trust anchor of the stack"], Fix), null, null);
    }

    /// <summary>
    /// The enabled CRLs imported for <paramref name="anchor"/> (and <paramref name="extra"/> ones, e.g. <c>pki verify
    /// --crl</c>); the certificate must be on none of them, and each must be current and signed by the chain's CA.
    /// </summary>
    internal static SessionStep CheckRevocation(RolesAnywhereTemplate template, RaAnchor anchor, IReadOnlyList<X509Certificate2> chain, IReadOnlyList<CrlSource> extra, DateTimeOffset now)
    {
        var lines = new List<string>();
        var sources = new List<CrlSource>(extra);
        foreach (var crl in template.Crls.Where(c => c.AnchorLogicalId == anchor.Resource.LogicalId))
        {
            if (!crl.Enabled)
            {
                lines.Add($"CRL {crl.Name}: disabled, the service does not consult it");
                continue;
            }

            if (crl.Data is not { } data)
            {
                return new SessionStep("revocation", StepStatus.CannotProve, [.. lines, $"CRL {crl.Name} ({crl.LogicalId}): its CrlData is not a literal in the template"],
                    "import the CRL from a file (rolesAnywhere.trustAnchors[].crl) so the template carries it");
            }

            try
            {
                sources.Add(data.Contains("-----BEGIN", StringComparison.Ordinal)
                    ? CrlSource.FromPem(crl.Name, data)
                    : new CrlSource(crl.Name, CrlDocument.Parse(Convert.FromBase64String(data))));
            }
            catch (Exception ex) when (ex is PkiInputException or FormatException or CryptographicException)
            {
                return new SessionStep("revocation", StepStatus.CannotProve, [.. lines, $"CRL {crl.Name} ({crl.LogicalId}) cannot be read: {ex.Message}"],
                    "publish a valid CRL with `edgeiam pki crl` and synth again");
            }
        }

        if (sources.Count == 0)
        {
            return new SessionStep("revocation", StepStatus.Ok, [.. lines, $"no CRL is imported for trust anchor {anchor.Key}: the service checks no revocation (consider rolesAnywhere.trustAnchors[].crl)"]);
        }

        if (sources.Count == extra.Count)
        {
            lines.Add($"no CRL is imported for trust anchor {anchor.Key} (the service checks no revocation); checked against the CRLs given");
        }

        var problems = RevocationChecker.Check(chain, sources, now);
        if (problems.Count > 0)
        {
            var revoked = problems.Any(p => p.StartsWith("revoked", StringComparison.Ordinal));
            return new SessionStep("revocation", StepStatus.Refused, [.. lines, .. problems],
                revoked ? "issue the device a new certificate (`edgeiam pki issue`); a revoked one is never accepted again" : "publish a fresh CRL signed by the anchor's CA (`edgeiam pki crl`) and synth/deploy again");
        }

        return new SessionStep("revocation", StepStatus.Ok, [.. lines, $"not revoked according to {string.Join(", ", sources.Select(s => s.Name))}"]);
    }

    private static SessionStep CheckProfile(RolesAnywhereTemplate template, RaProfile profile, RoleResource role)
    {
        var listed = profile.Roles.Select(r => r.LogicalId is { } id && template.Stack.FindRoleByLogicalId(id) is { } found ? found.ConfigName ?? found.LogicalId : r.Text).ToList();
        var lines = new List<string>
        {
            $"profile {profile.DisplayName} ({profile.LogicalId}) lists roles {(listed.Count == 0 ? "none" : string.Join(", ", listed))}",
            $"requireInstanceProperties {(profile.RequireInstanceProperties ? "true: the request must carry instance properties" : "false")}; acceptRoleSessionName {(profile.AcceptRoleSessionName ? "true" : "false")}",
        };
        if (!profile.Enabled)
        {
            return new SessionStep("profile", StepStatus.Refused, [.. lines, $"profile {profile.DisplayName} is disabled (Enabled is not true)"], "enable the profile and deploy");
        }

        if (profile.Roles.Any(r => r.LogicalId == role.LogicalId))
        {
            return new SessionStep("profile", StepStatus.Ok, [.. lines, $"lists {role.ConfigName ?? role.LogicalId}"]);
        }

        if (profile.Roles.Any(r => r.LogicalId is null))
        {
            return new SessionStep("profile", StepStatus.CannotProve, [.. lines, $"some role ARNs are not roles of this template, so whether one is {role.ConfigName ?? role.LogicalId} cannot be proved"],
                $"list the role in rolesAnywhere.profiles[{profile.DisplayName}].roles");
        }

        return new SessionStep("profile", StepStatus.Refused, [.. lines, $"profile {profile.DisplayName} does not list role {role.ConfigName ?? role.LogicalId}"],
            $"use one of {string.Join(", ", listed)} with --role, or add {role.ConfigName ?? role.LogicalId} to rolesAnywhere.profiles[{profile.DisplayName}].roles and deploy");
    }

    private static SessionStep CheckTrust(RolesAnywhereTemplate template, RaAnchor anchor, RoleResource role, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        var reports = DeviceTrust.Evaluate(template.Stack, role, anchor, tags);
        var lines = new List<string> { $"principal service:{DeviceTrust.Service}, aws:SourceArn = trust anchor {anchor.Key} ({anchor.Resource.ArnSymbol}), the session tags as aws:PrincipalTag/..." };
        lines.AddRange(reports.Select(r => $"{r.Action}: {(r.Allowed ? "allowed" : r.Proved ? "denied" : "cannot be proved")}"));
        if (reports.All(r => r.Allowed))
        {
            return new SessionStep("role trust", StepStatus.Ok, lines);
        }

        var deciding = DeviceTrust.Deciding(reports);
        lines.Add(deciding.Explain());
        var failed = deciding.Statements.SelectMany(s => s.Conditions).Where(c => !c.Holds).Select(c => c.Key).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var roleName = role.ConfigName ?? role.LogicalId;
        var fix = failed.Any(k => k.Contains("x509Subject/CN", StringComparison.OrdinalIgnoreCase))
            ? $"the certificate's CN is not in the role's allowedSubjects (condition aws:PrincipalTag/x509Subject/CN): issue the device a certificate with an allowed CN, or add a pattern to rolesAnywhere.roles[{roleName}].allowedSubjects"
            : failed.Any(k => k.Contains("SourceArn", StringComparison.OrdinalIgnoreCase))
                ? $"the role does not accept trust anchor {anchor.Key} (condition aws:SourceArn): add the anchor to a profile that lists the role, or use a certificate of an anchor it accepts"
                : failed.Count > 0 ? $"make the certificate satisfy {string.Join(", ", failed)}, or change the role's trust" : "change the role's trust policy to allow the Roles Anywhere device";
        return new SessionStep("role trust", reports.Any(r => r.Proved && !r.Allowed) ? StepStatus.Refused : StepStatus.CannotProve, lines, fix);
    }

    private static SessionStep Session(RaProfile profile, RoleResource role, int? requested)
    {
        var limits = new List<(string What, int Seconds)>
        {
            ($"profile durationSeconds{(profile.DurationSeconds is null ? " (default)" : string.Empty)}", profile.DurationSeconds ?? DefaultDurationSeconds),
            ($"role MaxSessionDuration{(role.MaxSessionDurationSeconds is null ? " (default)" : string.Empty)}", role.MaxSessionDurationSeconds ?? DefaultDurationSeconds),
        };
        if (requested is { } r)
        {
            limits.Add(("--session-duration", r));
        }

        var effective = limits.Min(l => l.Seconds);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"duration {effective} s = min({string.Join(", ", limits.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.What} {l.Seconds}")))})"),
            profile.SessionPolicy is { } policy ? "session policy (narrows the role's permissions): " + policy : "no session policy",
            profile.ManagedPolicyArns.Count > 0 ? "profile managed policies (narrow the role's permissions): " + string.Join(", ", profile.ManagedPolicyArns) : "no profile managed policies",
        };
        return new SessionStep("session", StepStatus.Ok, lines);
    }

    /// <summary>The effective duration device-config passes to aws_signing_helper.</summary>
    public static int EffectiveDuration(RaProfile profile, RoleResource role) =>
        Math.Min(profile.DurationSeconds ?? DefaultDurationSeconds, role.MaxSessionDurationSeconds ?? DefaultDurationSeconds);
}
