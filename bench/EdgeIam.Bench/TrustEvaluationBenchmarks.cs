using BenchmarkDotNet.Attributes;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Bench;

/// <summary>
/// Trust-policy evaluations per second: the dev stack's roles against a fixed set of request contexts (OIDC
/// allowed/denied, cross-account with and without external ID, service principals, Roles Anywhere).
/// One operation = one <see cref="PolicyEvaluator.Decide(CompiledPolicy, AccessRequest)"/> call; the role/request pairs
/// are cycled to a fixed count so the figure stays per evaluation whatever the stack holds.
/// </summary>
[MemoryDiagnoser]
public class TrustEvaluationBenchmarks
{
    private const int Evaluations = 256;

    private (CompiledPolicy Trust, AccessRequest Request)[] _allPairs = [];
    private (CompiledPolicy Trust, AccessRequest Request)[] _namedCallers = [];

    [GlobalSetup]
    public void Setup()
    {
        var dev = AssemblyReader.Load(BenchInputs.AssemblyDirectory, ["dev"]).Stacks[0];
        var trusts = dev.Roles.Select(r => r.CompiledTrust).ToArray();
        const string Gh = "token.actions.githubusercontent.com";
        var anchor = dev.TrustAnchors.FirstOrDefault()?.ArnSymbol ?? "arn:aws:rolesanywhere:us-east-1:111111111111:trust-anchor/x";
        AccessRequest[] requests =
        [
            AccessRequest.AssumeRole(RequestPrincipal.Parse($"oidc:{Gh}"), context: RequestContext.Of(($"{Gh}:aud", "sts.amazonaws.com"), ($"{Gh}:sub", "repo:acme/edge-app:ref:refs/heads/main"))),
            AccessRequest.AssumeRole(RequestPrincipal.Parse($"oidc:{Gh}"), context: RequestContext.Of(($"{Gh}:aud", "sts.amazonaws.com"), ($"{Gh}:sub", "repo:acme/edge-app:ref:refs/tags/v1.2.3"))),
            AccessRequest.AssumeRole(RequestPrincipal.Parse($"oidc:{Gh}"), context: RequestContext.Of(($"{Gh}:aud", "someone-else"), ($"{Gh}:sub", "repo:attacker/evil:ref:refs/heads/main"))),
            AccessRequest.AssumeRole(RequestPrincipal.Parse("arn:aws:iam::222222222222:role/Caller"), context: RequestContext.Of(("sts:ExternalId", "edge-audit-7f3c2a"))),
            AccessRequest.AssumeRole(RequestPrincipal.Parse("arn:aws:iam::999999999999:role/Caller")),
            AccessRequest.AssumeRole(RequestPrincipal.Parse("service:ec2.amazonaws.com")),
            AccessRequest.AssumeRole(RequestPrincipal.Parse("service:rolesanywhere.amazonaws.com"), "sts:TagSession",
                RequestContext.Of(("aws:SourceArn", anchor), ("aws:PrincipalTag/x509Subject/CN", "sensor-device-0042"))),
            AccessRequest.AssumeRole(RequestPrincipal.Parse("oidc:gitlab.example.com"), context: RequestContext.Of(("gitlab.example.com:aud", "https://gitlab.example.com"))),
        ];
        var pairs = trusts.SelectMany(t => requests.Select(r => (Trust: t, Request: r))).ToArray();
        var named = pairs.Where(p => p.Trust.Statements.Any(s => s.MatchPrincipal(p.Request.Principal) != PrincipalMatch.None && s.MatchesAction(p.Request))).ToArray();
        if (named.Length == 0)
        {
            throw new InvalidOperationException("no request names a principal the dev stack's roles trust");
        }

        _allPairs = Cycle(pairs);
        _namedCallers = Cycle(named);
    }

    /// <summary>Every role against every request: most are rejected on principal or action, as in real traffic.</summary>
    [Benchmark(OperationsPerInvoke = Evaluations)]
    public int DecideEveryRoleForEveryRequest() => Decide(_allPairs);

    /// <summary>Only the pairs where a statement names the caller, so the conditions are evaluated: the slow path.</summary>
    [Benchmark(OperationsPerInvoke = Evaluations)]
    public int DecideRequestsThatReachTheConditions() => Decide(_namedCallers);

    private static int Decide((CompiledPolicy Trust, AccessRequest Request)[] pairs)
    {
        var allowed = 0;
        foreach (var (trust, request) in pairs)
        {
            if (PolicyEvaluator.Decide(trust, request) == Decision.Allowed)
            {
                allowed++;
            }
        }

        return allowed;
    }

    private static T[] Cycle<T>(T[] items) => Enumerable.Range(0, Evaluations).Select(i => items[i % items.Length]).ToArray();
}
