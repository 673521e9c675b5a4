using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using EdgeIam.Policy.Access;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Permissions;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Bench;

/// <summary>
/// The permission side: <c>can-do</c> decisions per second (one operation = one
/// <see cref="SessionPermissions.Decide"/> over every layer of a session; the dev stack's role and profile sessions,
/// AWS managed policies from the snapshot, against requests without policy variables), and effective access for the
/// shipped stacks and for a generated template of 1,000 roles.
/// </summary>
[MemoryDiagnoser]
public class PermissionBenchmarks
{
    private const int Decisions = 256;
    private const int GeneratedRoles = 1000;

    private (SessionPermissions Session, AccessRequest Request)[] _pairs = [];
    private CloudAssembly _shipped = null!;
    private StackTemplate _generated = null!;

    [GlobalSetup]
    public void Setup()
    {
        _shipped = AssemblyReader.Load(BenchInputs.AssemblyDirectory);
        var dev = _shipped.FindStack("dev")!;
        var catalog = ManagedPolicyCatalog.Embedded;
        var sessions = dev.Roles.Select(r => SessionPermissionsReader.ForRole(dev, r, catalog))
            .Concat(dev.RolesAnywhereProfiles.SelectMany(p => p.RoleLogicalIds.Select(id => dev.FindRoleByLogicalId(id)).OfType<RoleResource>()
                .Select(r => SessionPermissionsReader.ForProfileSession(dev, r, p, catalog))))
            .Where(s => !s.AllPolicies.Any(p => p.Policy?.Document.Statements.Any(st => ((st.Resource ?? st.NotResource)?.Values ?? []).Any(v => v.Contains("${aws:", StringComparison.OrdinalIgnoreCase))) ?? false))
            .ToArray();
        var principal = RequestPrincipal.Parse("arn:aws:iam::111111111111:role/Session");
        AccessRequest[] requests =
        [
            new(principal, "s3:GetObject", "arn:aws:s3:::edgeiam-dev-models/model.onnx"),
            new(principal, "s3:PutObject", "arn:aws:s3:::edgeiam-dev-frames/video-analytics/f.jpg"),
            new(principal, "iot:Publish", "arn:aws:iot:us-east-1:111111111111:topic/factory/line-1/state"),
            new(principal, "kinesis:PutRecord", "arn:aws:kinesis:us-east-1:111111111111:stream/edge-telemetry-dev"),
            new(principal, "iam:PassRole", "arn:aws:iam::111111111111:role/Admin"),
            new(principal, "ec2:RebootInstances", "arn:aws:ec2:us-east-1:111111111111:instance/i-0123456789abcdef0"),
            new(principal, "ssm:GetParameter", "arn:aws:ssm:us-east-1:111111111111:parameter/edge/dev/x"),
            new(principal, "cloudwatch:PutMetricData", "*", RequestContext.Of(("cloudwatch:namespace", "EdgeDevices"))),
        ];
        var pairs = sessions.SelectMany(s => requests.Select(r => (s, r))).ToArray();
        _pairs = [.. Enumerable.Range(0, Decisions).Select(i => pairs[i % pairs.Length])];
        _generated = Generate(GeneratedRoles);
    }

    /// <summary>Every session against every request: identity, boundary and session layers, managed policies included.</summary>
    [Benchmark(OperationsPerInvoke = Decisions)]
    public int CanDoDecisions()
    {
        var allowed = 0;
        foreach (var (session, request) in _pairs)
        {
            if (session.Decide(request) == PermissionOutcome.Allowed)
            {
                allowed++;
            }
        }

        return allowed;
    }

    /// <summary>Effective access of every role and profile session of both shipped stacks (what <c>access</c> computes).</summary>
    [Benchmark]
    public int EffectiveAccessOfTheShippedStacks() => AccessAnalyzer.Analyze(_shipped).Stacks.Sum(s => s.Roles.Sum(r => r.Effective.Sum(e => e.Actions.Count)));

    /// <summary>Effective access of a template of 1,000 roles (inline policies; every tenth also has AWSIoTDataAccess).</summary>
    [Benchmark]
    public int EffectiveAccessOfAThousandRoles() => AccessAnalyzer.Analyze(_generated).Roles.Sum(r => r.Effective.Sum(e => e.Actions.Count));

    /// <summary>A synthesized-looking template with <paramref name="count"/> roles, written to a temporary assembly and read back.</summary>
    private static StackTemplate Generate(int count)
    {
        var resources = new JsonObject();
        for (var i = 0; i < count; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"Role{i:D4}");
            var role = new JsonObject
            {
                ["Type"] = "AWS::IAM::Role",
                ["Properties"] = new JsonObject
                {
                    ["AssumeRolePolicyDocument"] = JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"bench-external-id"}}}]}"""),
                    ["Policies"] = new JsonArray(new JsonObject
                    {
                        ["PolicyName"] = "Permissions",
                        ["PolicyDocument"] = JsonNode.Parse(string.Create(CultureInfo.InvariantCulture, $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Objects","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::bench-{{i}}/*"},{"Sid":"Records","Effect":"Allow","Action":"kinesis:PutRecord","Resource":"arn:aws:kinesis:us-east-1:111111111111:stream/bench-{{i}}"}]}""")),
                    }),
                },
            };
            if (i % 10 == 0)
            {
                role["Properties"]!["ManagedPolicyArns"] = new JsonArray("arn:aws:iam::aws:policy/AWSIoTDataAccess");
            }

            resources[id] = role;
        }

        var dir = Directory.CreateTempSubdirectory("edgeiam-bench-").FullName;
        File.WriteAllText(Path.Combine(dir, "EdgeIam-bench.template.json"), new JsonObject { ["Resources"] = resources }.ToJsonString());
        File.WriteAllText(Path.Combine(dir, "manifest.json"), """{"version":"38.0.0","artifacts":{"EdgeIam-bench":{"type":"aws:cloudformation:stack","environment":"aws://111111111111/us-east-1","properties":{"templateFile":"EdgeIam-bench.template.json"}}}}""");
        var stack = AssemblyReader.Load(dir, ["bench"]).Stacks[0];
        Directory.Delete(dir, recursive: true);
        return stack;
    }
}
