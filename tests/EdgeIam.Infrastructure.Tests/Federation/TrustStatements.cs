using System.Text.Json.Nodes;
using EdgeIam.Infrastructure.Tests.Support;

namespace EdgeIam.Infrastructure.Tests.Federation;

/// <summary>Reads roles and their trust statements out of a synthesized template.</summary>
internal static class TrustStatements
{
    /// <summary>Every role, keyed by its <c>edgeiam:role</c> name.</summary>
    public static IReadOnlyDictionary<string, JsonObject> Roles(JsonObject template) =>
        SynthesizedStacks.ResourcesOf(template, "AWS::IAM::Role").ToDictionary(
            r => (string)r.Value["Metadata"]!["edgeiam:role"]!,
            r => r.Value,
            StringComparer.Ordinal);

    public static IReadOnlyList<JsonObject> Of(JsonObject role) =>
        [.. role["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject())];

    public static IReadOnlyList<JsonObject> All(JsonObject template) =>
        [.. SynthesizedStacks.ResourcesOf(template, "AWS::IAM::Role").SelectMany(r => Of(r.Value))];

    public static IReadOnlyList<string> Actions(JsonObject statement) => Strings(statement["Action"]);

    public static bool IsWebIdentity(JsonObject statement) => Actions(statement).Contains("sts:AssumeRoleWithWebIdentity");

    public static bool IsCrossAccount(JsonObject statement) => statement["Principal"]?["AWS"] is not null;

    /// <summary>Values of <c>Condition.op.key</c> (a string or a list), empty when absent.</summary>
    public static IReadOnlyList<string> Condition(JsonObject statement, string op, string key) => Strings(statement["Condition"]?[op]?[key]);

    public static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => [.. array.Select(v => (string)v!)],
        _ => [(string)node!],
    };
}
