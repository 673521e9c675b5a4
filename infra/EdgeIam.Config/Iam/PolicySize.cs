using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeIam.Config.Iam;

/// <summary>
/// Counts the characters IAM counts for a policy document: its JSON without whitespace.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html ("IAM does not count white space").
/// Unresolved CloudFormation references (<c>Ref</c>, <c>Fn::GetAtt</c>, …) become ARNs at deploy time; each counts as
/// <see cref="TokenAllowance"/> characters, a conservative ARN length, so the estimate errs on the large side.
/// </summary>
public static class PolicySize
{
    public const int TokenAllowance = 128;

    /// <summary>Strings are escaped as the CDK writes them (JSON.stringify: only quotes, backslashes and control characters).</summary>
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The size of the inline policy EdgeIam writes for <paramref name="statements"/> (see <see cref="InlinePolicy"/>).</summary>
    public static int OfInlinePolicy(IReadOnlyList<PermissionStatement> statements) =>
        Measure(JsonSerializer.SerializeToElement(InlinePolicy(statements), Relaxed));

    /// <summary>
    /// The policy document as the CDK renders the role's statements: a one-item list becomes a plain string, and
    /// conditions are grouped by operator. Key order does not change the count.
    /// </summary>
    public static JsonObject InlinePolicy(IReadOnlyList<PermissionStatement> statements)
    {
        var list = new JsonArray();
        foreach (var statement in statements)
        {
            var json = new JsonObject { ["Action"] = OneOrMany(statement.Actions) };
            if (statement.Conditions.Count > 0)
            {
                var conditions = new JsonObject();
                foreach (var group in statement.Conditions.GroupBy(c => c.Operator, StringComparer.Ordinal))
                {
                    var keys = new JsonObject();
                    foreach (var condition in group)
                    {
                        keys[condition.Key] = OneOrMany(condition.Values);
                    }

                    conditions[group.Key] = keys;
                }

                json["Condition"] = conditions;
            }

            json["Effect"] = statement.Allow ? "Allow" : "Deny";
            json["Resource"] = OneOrMany(statement.Resources);
            json["Sid"] = statement.Sid;
            list.Add(json);
        }

        return new JsonObject { ["Statement"] = list, ["Version"] = "2012-10-17" };
    }

    /// <summary>Characters of <paramref name="element"/> as compact JSON, whitespace excluded, references as <see cref="TokenAllowance"/>.</summary>
    public static int Measure(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (IsIntrinsic(element))
                {
                    return TokenAllowance;
                }

                var size = 2;
                var first = true;
                foreach (var property in element.EnumerateObject())
                {
                    size += (first ? 0 : 1) + CountWithoutWhitespace(JsonSerializer.Serialize(property.Name, Relaxed)) + 1 + Measure(property.Value);
                    first = false;
                }

                return size;
            case JsonValueKind.Array:
                var total = 2 + Math.Max(0, element.GetArrayLength() - 1);
                foreach (var item in element.EnumerateArray())
                {
                    total += Measure(item);
                }

                return total;
            case JsonValueKind.String:
                return CountWithoutWhitespace(JsonSerializer.Serialize(element.GetString(), Relaxed));
            default:
                return CountWithoutWhitespace(element.GetRawText());
        }
    }

    private static JsonNode OneOrMany(IReadOnlyList<string> values) =>
        values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static bool IsIntrinsic(JsonElement element)
    {
        using var properties = element.EnumerateObject();
        return properties.MoveNext() && (properties.Current.Name == "Ref" || properties.Current.Name.StartsWith("Fn::", StringComparison.Ordinal)) && !properties.MoveNext();
    }

    private static int CountWithoutWhitespace(string text) => text.Count(c => !char.IsWhiteSpace(c));
}
