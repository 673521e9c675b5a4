using EdgeIam.App.RolesAnywhere;
using EdgeIam.Pki;
using EdgeIam.Policy.Templates;

namespace EdgeIam.App.Commands;

/// <summary>
/// <c>pki verify --stack NAME</c>: verifies a device certificate as Roles Anywhere would for that stack: against the
/// CERTIFICATE_BUNDLE of its trust anchors (or the one of <c>--trust-anchor</c>, or the one whose certificate is
/// <c>--anchor</c>), then against the enabled CRLs the stack imports for the anchor that verified, plus any
/// <c>--crl</c>. These are the first two steps of <c>ra-session</c> (<see cref="SessionDryRun"/>), so the two commands
/// never disagree. "Cannot prove" (an ACM PCA anchor, a CRL that is not a literal) is untrusted, exit 1.
/// </summary>
internal static class PkiStackVerify
{
    public sealed record Request(string Assembly, string Stack, string? TrustAnchor, string? AnchorFile, string Certificate, string? Intermediates, IReadOnlyList<string> Crls);

    public static int Run(CliContext context, Request request)
    {
        RolesAnywhereTemplate template;
        try
        {
            template = RolesAnywhereTemplate.Load(request.Assembly, request.Stack);
        }
        catch (TemplateException ex)
        {
            throw new PkiInputException($"{ex.Message}; --stack reads the synthesized stack: pass --assembly DIR (the --out of `edgeiam synth`)", ex);
        }

        var device = PkiCommand.LoadCertificates(request.Certificate, "--cert");
        var extra = request.Intermediates is { } path ? PkiCommand.LoadCertificates(path, "--intermediates") : [];
        try
        {
            var candidates = Candidates(template, request);
            var crls = request.Crls.Select(file => CrlSource.FromPem(file, PkiCommand.ReadRequired(file, "--crl"))).ToList();
            var now = context.Time.GetUtcNow();
            var (anchorStep, anchor, chain) = SessionDryRun.VerifyChain(candidates, device[0], [.. device.Skip(1), .. extra], now);
            try
            {
                var steps = new List<SessionStep> { anchorStep };
                if (anchor is not null && chain is not null)
                {
                    steps.Add(SessionDryRun.CheckRevocation(template, anchor, chain, crls, now));
                }

                var refusing = steps.FirstOrDefault(s => s.Status != StepStatus.Ok);
                context.Out.WriteLine(refusing is null
                    ? $"trusted: '{device[0].Subject}' chains to trust anchor {anchor!.Key} of {template.Stack.StackId} and is not revoked"
                    : $"untrusted: '{device[0].Subject}' for {template.Stack.StackId}: {(refusing.Status == StepStatus.Refused ? "refused" : "cannot prove")} at step '{refusing.Name}'");
                foreach (var step in steps)
                {
                    context.Out.WriteLine($"  {step.Name}:");
                    foreach (var line in step.Lines)
                    {
                        context.Out.WriteLine("    " + line);
                    }

                    if (step.Fix is { } fix)
                    {
                        context.Out.WriteLine("  fix: " + fix);
                    }
                }

                return refusing is null ? ExitCodes.Ok : ExitCodes.Findings;
            }
            finally
            {
                if (chain is { Count: > 0 })
                {
                    chain[^1].Dispose();
                }
            }
        }
        finally
        {
            device.ForEach(c => c.Dispose());
            extra.ForEach(c => c.Dispose());
        }
    }

    /// <summary>The anchors to try: the named one, the one holding <c>--anchor</c>'s certificate, or all of them.</summary>
    private static List<RaAnchor> Candidates(RolesAnywhereTemplate template, Request request)
    {
        var anchors = template.Anchors.ToList();
        var names = anchors.Count == 0 ? "none" : string.Join(", ", anchors.Select(a => a.Key));
        if (request.TrustAnchor is { } name)
        {
            anchors = [.. anchors.Where(a => a.IsNamed(name))];
            if (anchors.Count == 0)
            {
                throw new PkiInputException($"{template.Stack.FilePath}: stack {template.Stack.Name} has no trust anchor '{name}'; it has {names} (--trust-anchor)");
            }
        }

        if (request.AnchorFile is { } file)
        {
            var given = PkiCommand.LoadCertificates(file, "--anchor");
            try
            {
                var raw = given.Select(c => Convert.ToBase64String(c.RawData)).ToHashSet(StringComparer.Ordinal);
                anchors = [.. anchors.Where(a => BundleCertificates(a).Any(der => raw.Contains(Convert.ToBase64String(der))))];
            }
            finally
            {
                given.ForEach(c => c.Dispose());
            }

            if (anchors.Count == 0)
            {
                throw new PkiInputException($"--anchor {file}: no trust anchor{(request.TrustAnchor is { } n ? $" '{n}'" : string.Empty)} of stack {template.Stack.Name} has this certificate in its bundle; its anchors: {names}. Synth the stack with this CA (rolesAnywhere.trustAnchors[].certificate), or leave --anchor out");
            }
        }

        return anchors;
    }

    /// <summary>The DER certificates of an anchor's bundle; none when it has no literal, readable bundle (VerifyChain reports why).</summary>
    private static IReadOnlyList<byte[]> BundleCertificates(RaAnchor anchor)
    {
        try
        {
            return anchor.CertificateBundle is { } bundle ? Pem.Certificates(bundle) : [];
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
