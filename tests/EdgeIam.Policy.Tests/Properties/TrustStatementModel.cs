using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeIam.Policy.Tests.Properties;

/// <summary>A generated trust statement: effect, principal (JSON or none), actions and condition clauses.</summary>
internal sealed record TrustStatementModel(bool Deny, JsonNode? Principal, string[] Actions, (string Operator, string Key, string[] Values)[] Conditions)
{
    public JsonObject ToJson()
    {
        var statement = new JsonObject
        {
            ["Effect"] = Deny ? "Deny" : "Allow",
            ["Action"] = new JsonArray([.. Actions.Select(a => (JsonNode)a)]),
        };
        if (Principal is not null)
        {
            statement["Principal"] = Principal.DeepClone();
        }

        if (Conditions.Length > 0)
        {
            var block = new JsonObject();
            foreach (var (op, key, values) in Conditions)
            {
                if (block[op] is not JsonObject keys)
                {
                    block[op] = keys = [];
                }

                // One key once per operator: a second clause on it would be a duplicate JSON key.
                if (!keys.ContainsKey(key))
                {
                    keys[key] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
                }
            }

            statement["Condition"] = block;
        }

        return statement;
    }

    public static string Document(IEnumerable<TrustStatementModel> statements) =>
        new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray([.. statements.Select(s => (JsonNode)s.ToJson())]),
        }.ToJsonString(new JsonSerializerOptions());
}
