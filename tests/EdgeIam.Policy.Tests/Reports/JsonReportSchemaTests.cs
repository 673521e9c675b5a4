using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeIam.Policy.Access;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Tests.Support;
using Json.Schema;

namespace EdgeIam.Policy.Tests.Reports;

/// <summary>
/// The four JSON reports share one model, published as docs/edgeiam-report.schema.json: each report of the shipped
/// stacks is valid against it, and a renamed or dropped field is not.
/// </summary>
public sealed class JsonReportSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFile(Path.GetFullPath(FixturePaths.Source("..", "..", "docs", "edgeiam-report.schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    public static TheoryData<string> Reports() => ["check", "access", "diff", "can-assume", "can-do"];

    private static JsonNode Render(string report)
    {
        var text = report switch
        {
            "check" => GoldenFile.Render(w => CheckReportWriter.Write(PolicyCheck.Run(Fixtures.Assembly), ReportFormat.Json, w)),
            "access" => GoldenFile.Render(w => AccessReportWriter.Write(AccessAnalyzer.Analyze(Fixtures.Assembly), ReportFormat.Json, w)),
            "diff" => GoldenFile.Render(w => AccessReportWriter.Write(Widened(), ReportFormat.Json, w)),
            "can-do" => GoldenFile.Render(w => AccessReportWriter.Write(
                AccessAnalyzer.CanDo(Fixtures.Assembly.FindStack("dev")!, "EdgeDeviceRole", "s3:PutObject", "arn:aws:s3:::edge-telemetry-dev-111111111111/devices/sensor-1/x", RequestContext.Of(("aws:PrincipalTag/x509Subject/CN", "sensor-1")), "profile:edge-device"),
                ReportFormat.Json, w)),
            _ => GoldenFile.Render(w =>
            {
                var stack = Fixtures.Assembly.FindStack("prod")!;
                var role = stack.FindRole("GitHubDeployProd")!;
                var request = AccessRequest.AssumeRole(RequestPrincipal.Oidc("token.actions.githubusercontent.com"),
                    context: RequestContext.Of(("token.actions.githubusercontent.com:aud", "sts.amazonaws.com")));
                CanAssumeReportWriter.Write(CanAssumeReport.From(stack, role, request, role.EvaluateTrust(request, stack.Environment.Account)), ReportFormat.Json, w);
            }),
        };
        return JsonNode.Parse(text)!;
    }

    private static AccessDiff Widened()
    {
        using var head = Fixtures.CopyAssembly();
        TemplateMutations.Apply(head.Combine("EdgeIam-dev.template.json"), "widen-sub");
        return AccessDiffer.Diff(Fixtures.Assembly, EdgeIam.Policy.Templates.AssemblyReader.Load(head.Path), []);
    }

    private static bool Valid(JsonNode report) => Schema.Value.Evaluate(JsonSerializer.SerializeToElement(report)).IsValid;

    [Theory]
    [MemberData(nameof(Reports))]
    public void Every_report_is_valid_against_the_published_schema_and_shares_the_header(string report)
    {
        var json = Render(report);
        Assert.True(Valid(json), report);
        Assert.Equal(("edgeiam " + report, 1), ((string?)json["tool"], (int?)json["formatVersion"]));
        Assert.False(string.IsNullOrEmpty((string?)json["summary"]!["text"]));
    }

    [Theory]
    [InlineData("check", "findings")]
    [InlineData("access", "stacks")]
    [InlineData("diff", "changes")]
    [InlineData("can-assume", "logicalId")]
    public void A_dropped_or_renamed_field_is_invalid(string report, string field)
    {
        var json = Render(report).AsObject();
        var value = json[field]!.DeepClone();
        json.Remove(field);
        Assert.False(Valid(json));
        json[field + "s_renamed"] = value;
        Assert.False(Valid(json));
        json["formatVersion"] = 2;
        Assert.False(Valid(json));
    }
}
