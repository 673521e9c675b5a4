using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.AWS.IAM;

namespace EdgeIam.Infrastructure.Iam;

/// <summary>
/// Renders <see cref="IamStatement"/>s as the policy document the CDK writes for a <c>PolicyDocument</c> under the
/// <c>@aws-cdk/aws-iam:minimizePolicies</c> flag EdgeIam pins (<see cref="EdgeIamApp"/>): statement keys in the CDK's
/// order; a one-item list as a plain string; actions, resources and each principal kind deduplicated and sorted by
/// their JSON text; principal kinds sorted; identical statements dropped (aws-iam/lib/policy-statement.ts and
/// private/postprocess-policy-document.ts of aws-cdk-lib 2.160). The one step not reproduced, merging statements that
/// have no Sid, is left to the CDK: a document with two or more Sid-less statements, or a sorted list holding a token
/// (the CDK sorts resolved values), is handed over as a CDK <c>PolicyDocument</c> instead.
/// </summary>
internal static class PolicyJson
{
    public const string Version = "2012-10-17";

    /// <summary>The document for a CloudFormation property: plain dictionaries, or a CDK document when the CDK must merge.</summary>
    public static object Document(IReadOnlyList<IamStatement> statements) =>
        NeedsCdk(statements)
            ? PolicyDocument.FromJson(new Dictionary<string, object>(StringComparer.Ordinal)
            {
                // Unsorted and complete: the CDK merges, deduplicates and sorts as it does for its own statements.
                ["Statement"] = statements.Select(s => (object)Statement(s, sort: false)).ToArray(),
                ["Version"] = Version,
            })
            : Render(statements);

    /// <summary>The rendered document: <c>{Statement: [...], Version}</c>.</summary>
    public static Dictionary<string, object> Render(IReadOnlyList<IamStatement> statements)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rendered = new List<object>(statements.Count);
        foreach (var statement in statements)
        {
            // The CDK drops a statement whose JSON (before sorting) equals an earlier one's.
            if (seen.Add(JsonSerializer.Serialize(Statement(statement, sort: false))))
            {
                rendered.Add(Statement(statement, sort: true));
            }
        }

        return new Dictionary<string, object>(StringComparer.Ordinal) { ["Statement"] = rendered.ToArray(), ["Version"] = Version };
    }

    /// <summary>Whether the CDK itself must render the document (see the type's summary).</summary>
    public static bool NeedsCdk(IReadOnlyList<IamStatement> statements) =>
        statements.Count(s => string.IsNullOrEmpty(s.Sid)) > 1
        || statements.Any(s => SortsToken(s.Actions) || SortsToken(s.Resources) || (s.Principals?.Values.Any(SortsToken) ?? false));

    /// <summary>Whether a string is (or holds) a CDK token, which CloudFormation sees as an intrinsic function.</summary>
    public static bool IsToken(string value) => value.Contains("${Token[", StringComparison.Ordinal);

    private static bool SortsToken(IReadOnlyList<string> values) => values.Count > 1 && values.Any(IsToken);

    private static Dictionary<string, object> Statement(IamStatement statement, bool sort)
    {
        var json = new Dictionary<string, object>(StringComparer.Ordinal);
        if (List(statement.Actions, sort) is { } actions)
        {
            json["Action"] = actions;
        }

        if (statement.Conditions is { Count: > 0 } conditions)
        {
            json["Condition"] = conditions;
        }

        json["Effect"] = statement.Allow ? "Allow" : "Deny";
        if (statement.Principals is { Count: > 0 } principals)
        {
            var principal = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var kind in sort ? principals.Keys.Order(StringComparer.Ordinal) : principals.Keys)
            {
                if (List(principals[kind], sort, unique: sort) is { } values)
                {
                    principal[kind] = values;
                }
            }

            if (principal.Count > 0)
            {
                json["Principal"] = principal;
            }
        }

        if (List(statement.Resources, sort) is { } resources)
        {
            json["Resource"] = resources;
        }

        if (statement.Sid is { } sid)
        {
            json["Sid"] = sid;
        }

        return json;
    }

    /// <summary>
    /// The CDK's <c>_norm</c> (empty: absent; one item: the item; else deduplicated when <paramref name="unique"/>),
    /// then, when <paramref name="sort"/>, its <c>sortByJson</c> (deduplicated, sorted by JSON text in UTF-16 order,
    /// one item: the item).
    /// </summary>
    private static object? List(IReadOnlyList<string> values, bool sort, bool unique = true)
    {
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count == 1)
        {
            return values[0];
        }

        IEnumerable<string> items = unique ? values.Distinct(StringComparer.Ordinal) : values;
        if (!sort)
        {
            return items.ToArray();
        }

        var sorted = items.Distinct(StringComparer.Ordinal).OrderBy(JsStringify, StringComparer.Ordinal).ToArray();
        return sorted.Length == 1 ? sorted[0] : sorted;
    }

    /// <summary>JavaScript's <c>JSON.stringify</c> of a string (quotes, backslashes, control characters and lone surrogates escaped).</summary>
    internal static string JsStringify(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var lone = char.IsHighSurrogate(c) ? i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])
                : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1]));
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\b' => text.Append("\\b"),
                '\f' => text.Append("\\f"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                _ when c < ' ' || lone => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    /// <summary>The rendered document as JSON with each token as an intrinsic placeholder (what CloudFormation will hold).</summary>
    public static JsonNode? WithTokensAsIntrinsics(object? value) => value switch
    {
        null => null,
        string s when IsToken(s) => new JsonObject { ["Ref"] = s },
        string s => JsonValue.Create(s),
        IReadOnlyDictionary<string, object> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, WithTokensAsIntrinsics(p.Value)))),
        System.Collections.IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(WithTokensAsIntrinsics)]),
        _ => JsonSerializer.SerializeToNode(value),
    };
}
