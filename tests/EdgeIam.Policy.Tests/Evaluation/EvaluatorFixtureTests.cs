using System.Text.Json;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Evaluation.Conditions;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Evaluation;

/// <summary>
/// Runs every case of Evaluation/Fixtures/*.json (one file per operator family, plus trust scenarios): the decision,
/// the deciding statements, how a condition came out (<c>outcome</c>), and that the fast path agrees with the explaining one.
/// </summary>
public sealed class EvaluatorFixtureTests
{
    private const string DefaultPrincipal = "arn:aws:iam::111111111111:user/alice";
    private const string DefaultAction = "s3:GetObject";
    private const string DefaultResource = "arn:aws:s3:::edge-bucket/object";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(FixturePaths.Output("Evaluation", "Fixtures"), "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            {
                data.Add(Path.GetFileName(file), c.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_decides_as_documented(string file, string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(FixturePaths.Output("Evaluation", "Fixtures", file)));
        var c = doc.RootElement.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

        var policy = CompiledPolicy.Compile(PolicyParser.Parse(PolicyJson(c)), "test");
        var request = Request(c);
        var expected = Enum.Parse<Decision>(c.GetProperty("expected").GetString()!);

        var result = PolicyEvaluator.Evaluate(policy, request);

        Assert.Equal(expected, result.Decision);
        Assert.Equal(expected, PolicyEvaluator.Decide(policy, request));
        if (c.TryGetProperty("deciding", out var deciding))
        {
            Assert.Equal(
                deciding.EnumerateArray().Select(d => d.GetString()!),
                result.Deciding.Select(s => s.Statement.Label));
        }

        if (c.TryGetProperty("outcome", out var outcome))
        {
            // How the first statement's one condition came out: an explanation tells an unresolvable variable from a mismatch.
            var condition = Assert.Single(result.Statements[0].Conditions);
            Assert.Equal(Enum.Parse<ConditionOutcome>(outcome.GetString()!), condition.Outcome);
        }

        if (c.TryGetProperty("principalMatch", out var principalMatch))
        {
            Assert.Equal(Enum.Parse<PrincipalMatch>(principalMatch.GetString()!), Assert.Single(result.Deciding).Principal);
        }
    }

    private static string PolicyJson(JsonElement c)
    {
        if (c.TryGetProperty("policy", out var policy))
        {
            return policy.GetRawText();
        }

        var condition = c.GetProperty("condition").GetRawText();
        return $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Test","Effect":"Allow","Action":"{{DefaultAction}}","Resource":"*","Condition":{{condition}}}]}""";
    }

    private static AccessRequest Request(JsonElement c)
    {
        var principal = RequestPrincipal.Parse(c.TryGetProperty("principal", out var p) ? p.GetString()! : DefaultPrincipal);
        string? action = DefaultAction;
        if (c.TryGetProperty("action", out var a))
        {
            action = a.ValueKind == JsonValueKind.Null ? null : a.GetString();
        }

        var resource = c.TryGetProperty("resource", out var r) ? r.GetString() : DefaultResource;
        var entries = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        if (c.TryGetProperty("context", out var context))
        {
            foreach (var property in context.EnumerateObject())
            {
                IReadOnlyList<string> values = property.Value.ValueKind == JsonValueKind.Array
                    ? property.Value.EnumerateArray().Select(v => v.GetString()!).ToArray()
                    : [property.Value.GetString()!];
                entries.Add(new(property.Name, values));
            }
        }

        return new AccessRequest(principal, action ?? principal.DefaultAssumeAction, resource, RequestContext.From(entries));
    }
}
