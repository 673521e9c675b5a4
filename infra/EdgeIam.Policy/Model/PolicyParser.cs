using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeIam.Policy.Model;

/// <summary>
/// Reads an IAM policy document (grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html)
/// into the model. Collects every error, each with its JSON path, and throws them together.
/// </summary>
internal static class PolicyParser
{
    private static readonly string[] DocumentKeys = ["Version", "Id", "Statement"];
    private static readonly string[] StatementKeys =
        ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    /// <summary>Parses JSON text; duplicate keys anywhere are errors, not last-wins.</summary>
    public static PolicyDocument Parse(string json, string rootPath = JsonPaths.Root)
    {
        var duplicates = DuplicateKeyDetector.FindOrReportSyntax(json, rootPath);
        if (duplicates.Count > 0)
        {
            throw new PolicyParseException(duplicates);
        }

        return Parse(JsonNode.Parse(json), rootPath);
    }

    /// <summary>Parses an already-read node (for example a template property with intrinsics resolved).</summary>
    public static PolicyDocument Parse(JsonNode? node, string path)
    {
        var errors = new List<PolicyError>();
        var document = ReadDocument(node, path, errors);
        if (errors.Count > 0 || document is null)
        {
            throw new PolicyParseException(errors);
        }

        return document;
    }

    private static PolicyDocument? ReadDocument(JsonNode? node, string path, List<PolicyError> errors)
    {
        if (node is not JsonObject obj)
        {
            errors.Add(new PolicyError(path, $"a policy document must be a JSON object, got {Describe(node)}"));
            return null;
        }

        RejectUnknownKeys(obj, path, DocumentKeys, errors);
        var version = ReadOptionalString(obj, "Version", path, errors);
        if (version is not null and not PolicyDocument.CurrentVersion and not PolicyDocument.LegacyVersion)
        {
            errors.Add(new PolicyError(JsonPaths.Property(path, "Version"),
                $"unknown policy version \"{version}\"; use \"{PolicyDocument.CurrentVersion}\""));
        }

        var id = ReadOptionalString(obj, "Id", path, errors);
        var statementsPath = JsonPaths.Property(path, "Statement");
        var statements = new List<Statement>();
        switch (obj["Statement"])
        {
            case null when !obj.ContainsKey("Statement"):
                errors.Add(new PolicyError(path, "a policy document needs a \"Statement\""));
                break;
            case JsonArray array:
                if (array.Count == 0)
                {
                    errors.Add(new PolicyError(statementsPath, "\"Statement\" must not be empty"));
                }

                for (var i = 0; i < array.Count; i++)
                {
                    AddIfNotNull(statements, ReadStatement(array[i], i, JsonPaths.Index(statementsPath, i), errors));
                }

                break;
            case JsonObject single:
                AddIfNotNull(statements, ReadStatement(single, 0, statementsPath, errors));
                break;
            default:
                errors.Add(new PolicyError(statementsPath, $"\"Statement\" must be an object or an array of objects, got {Describe(obj["Statement"])}"));
                break;
        }

        return new PolicyDocument(version, id, statements, path);
    }

    private static Statement? ReadStatement(JsonNode? node, int index, string path, List<PolicyError> errors)
    {
        if (node is not JsonObject obj)
        {
            errors.Add(new PolicyError(path, $"a statement must be a JSON object, got {Describe(node)}"));
            return null;
        }

        var before = errors.Count;
        RejectUnknownKeys(obj, path, StatementKeys, errors);
        var sid = ReadOptionalString(obj, "Sid", path, errors);
        var effectText = ReadOptionalString(obj, "Effect", path, errors);
        var effect = Effect.Allow;
        switch (effectText)
        {
            case "Allow":
                break;
            case "Deny":
                effect = Effect.Deny;
                break;
            case null:
                if (!obj.ContainsKey("Effect"))
                {
                    errors.Add(new PolicyError(path, "a statement needs \"Effect\": \"Allow\" or \"Deny\""));
                }

                break;
            default:
                errors.Add(new PolicyError(JsonPaths.Property(path, "Effect"), $"\"Effect\" must be \"Allow\" or \"Deny\" (case-sensitive), got \"{effectText}\""));
                break;
        }

        var principal = ReadPrincipal(obj, "Principal", path, errors);
        var notPrincipal = ReadPrincipal(obj, "NotPrincipal", path, errors);
        ExclusivePair(obj, path, "Principal", "NotPrincipal", required: false, errors);

        var action = ReadValueList(obj, "Action", path, errors);
        var notAction = ReadValueList(obj, "NotAction", path, errors);
        ExclusivePair(obj, path, "Action", "NotAction", required: true, errors);
        foreach (var list in new[] { action, notAction })
        {
            if (list is null)
            {
                continue;
            }

            for (var i = 0; i < list.Values.Count; i++)
            {
                var value = list.Values[i];
                if (value != "*" && !value.Contains(':', StringComparison.Ordinal))
                {
                    errors.Add(new PolicyError(JsonPaths.Index(list.JsonPath, i), $"action \"{value}\" must be \"*\" or \"service:action\""));
                }
            }
        }

        var resource = ReadValueList(obj, "Resource", path, errors);
        var notResource = ReadValueList(obj, "NotResource", path, errors);
        ExclusivePair(obj, path, "Resource", "NotResource", required: false, errors);

        var conditions = ReadConditions(obj, path, errors);
        if (errors.Count > before)
        {
            return null;
        }

        return new Statement
        {
            Sid = sid,
            Effect = effect,
            Principal = principal,
            NotPrincipal = notPrincipal,
            Action = action,
            NotAction = notAction,
            Resource = resource,
            NotResource = notResource,
            Conditions = conditions,
            Index = index,
            JsonPath = path,
        };
    }

    private static PrincipalSet? ReadPrincipal(JsonObject statement, string key, string statementPath, List<PolicyError> errors)
    {
        if (!statement.TryGetPropertyValue(key, out var node))
        {
            return null;
        }

        var path = JsonPaths.Property(statementPath, key);
        if (node is JsonValue && node.GetValueKind() == JsonValueKind.String)
        {
            var text = node.GetValue<string>();
            if (text == "*")
            {
                return new PrincipalSet(true, [], path);
            }

            errors.Add(new PolicyError(path, $"\"{key}\" must be \"*\" or an object such as {{\"AWS\": \"...\"}}, got \"{text}\""));
            return null;
        }

        if (node is not JsonObject obj || obj.Count == 0)
        {
            errors.Add(new PolicyError(path, $"\"{key}\" must be \"*\" or a non-empty object, got {Describe(node)}"));
            return null;
        }

        var entries = new List<PrincipalEntry>();
        foreach (var (kindName, valueNode) in obj)
        {
            var kindPath = JsonPaths.Property(path, kindName);
            PrincipalKind kind;
            switch (kindName)
            {
                case "AWS": kind = PrincipalKind.Aws; break;
                case "Service": kind = PrincipalKind.Service; break;
                case "Federated": kind = PrincipalKind.Federated; break;
                case "CanonicalUser": kind = PrincipalKind.CanonicalUser; break;
                default:
                    errors.Add(new PolicyError(kindPath, $"unknown principal type \"{kindName}\"; use AWS, Service, Federated or CanonicalUser"));
                    continue;
            }

            var values = ReadStrings(valueNode, kindPath, errors);
            for (var i = 0; i < values.Count; i++)
            {
                var valuePath = valueNode is JsonArray ? JsonPaths.Index(kindPath, i) : kindPath;
                if (values[i].Length == 0)
                {
                    errors.Add(new PolicyError(valuePath, "a principal must not be empty"));
                    continue;
                }

                entries.Add(new PrincipalEntry(kind, values[i], valuePath));
            }
        }

        return new PrincipalSet(false, entries, path);
    }

    private static ValueList? ReadValueList(JsonObject statement, string key, string statementPath, List<PolicyError> errors)
    {
        if (!statement.TryGetPropertyValue(key, out var node))
        {
            return null;
        }

        var path = JsonPaths.Property(statementPath, key);
        var values = ReadStrings(node, path, errors);
        if (values.Count == 0 && node is JsonArray)
        {
            errors.Add(new PolicyError(path, $"\"{key}\" must not be an empty list"));
        }

        return new ValueList(values, path);
    }

    private static List<ConditionClause> ReadConditions(JsonObject statement, string statementPath, List<PolicyError> errors)
    {
        var clauses = new List<ConditionClause>();
        if (!statement.TryGetPropertyValue("Condition", out var node))
        {
            return clauses;
        }

        var path = JsonPaths.Property(statementPath, "Condition");
        if (node is not JsonObject block)
        {
            errors.Add(new PolicyError(path, $"\"Condition\" must be an object of operator blocks, got {Describe(node)}"));
            return clauses;
        }

        foreach (var (operatorName, keysNode) in block)
        {
            var operatorPath = JsonPaths.Property(path, operatorName);
            if (!ConditionOperator.TryParse(operatorName, out var op))
            {
                errors.Add(new PolicyError(operatorPath, $"unknown condition operator \"{operatorName}\""));
                continue;
            }

            if (keysNode is not JsonObject keys || keys.Count == 0)
            {
                errors.Add(new PolicyError(operatorPath, $"\"{operatorName}\" must map condition keys to values, got {Describe(keysNode)}"));
                continue;
            }

            foreach (var (key, valuesNode) in keys)
            {
                var keyPath = JsonPaths.Property(operatorPath, key);
                var values = ReadStrings(valuesNode, keyPath, errors, allowScalars: true);
                if (values.Count == 0)
                {
                    errors.Add(new PolicyError(keyPath, "a condition needs at least one value"));
                    continue;
                }

                foreach (var v in values)
                {
                    var problem = op.Kind == ConditionOperatorKind.Null
                        ? (ConditionValueFormats.TryParseBool(v, out _) ? null : $"\"Null\" takes \"true\" or \"false\", got \"{v}\"")
                        : ConditionValueFormats.Validate(op.Family, v);
                    if (problem is not null)
                    {
                        errors.Add(new PolicyError(keyPath, $"{operatorName}: {problem}"));
                    }
                }

                clauses.Add(new ConditionClause(op, key, values, keyPath));
            }
        }

        return clauses;
    }

    private static List<string> ReadStrings(JsonNode? node, string path, List<PolicyError> errors, bool allowScalars = false)
    {
        var result = new List<string>();
        if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (TryScalar(array[i], allowScalars, out var text))
                {
                    result.Add(text);
                }
                else
                {
                    errors.Add(new PolicyError(JsonPaths.Index(path, i), $"expected a string, got {Describe(array[i])}"));
                }
            }
        }
        else if (TryScalar(node, allowScalars, out var text))
        {
            result.Add(text);
        }
        else
        {
            errors.Add(new PolicyError(path, $"expected a string or an array of strings, got {Describe(node)}"));
        }

        return result;
    }

    private static bool TryScalar(JsonNode? node, bool allowScalars, out string text)
    {
        text = string.Empty;
        if (node is not JsonValue value)
        {
            return false;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                text = value.GetValue<string>();
                return true;
            case JsonValueKind.Number when allowScalars:
                text = value.ToJsonString();
                return true;
            case JsonValueKind.True when allowScalars:
                text = "true";
                return true;
            case JsonValueKind.False when allowScalars:
                text = "false";
                return true;
            default:
                return false;
        }
    }

    private static string? ReadOptionalString(JsonObject obj, string key, string path, List<PolicyError> errors)
    {
        if (!obj.TryGetPropertyValue(key, out var node))
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        errors.Add(new PolicyError(JsonPaths.Property(path, key), $"\"{key}\" must be a string, got {Describe(node)}"));
        return null;
    }

    private static void ExclusivePair(JsonObject obj, string path, string positive, string negative, bool required, List<PolicyError> errors)
    {
        var hasPositive = obj.ContainsKey(positive);
        var hasNegative = obj.ContainsKey(negative);
        if (hasPositive && hasNegative)
        {
            errors.Add(new PolicyError(path, $"a statement can have \"{positive}\" or \"{negative}\", not both"));
        }
        else if (required && !hasPositive && !hasNegative)
        {
            errors.Add(new PolicyError(path, $"a statement needs \"{positive}\" or \"{negative}\""));
        }
    }

    private static void RejectUnknownKeys(JsonObject obj, string path, string[] known, List<PolicyError> errors)
    {
        foreach (var (key, _) in obj)
        {
            if (Array.IndexOf(known, key) < 0)
            {
                errors.Add(new PolicyError(JsonPaths.Property(path, key), $"unknown element \"{key}\"; expected one of {string.Join(", ", known)}"));
            }
        }
    }

    private static void AddIfNotNull(List<Statement> statements, Statement? statement)
    {
        if (statement is not null)
        {
            statements.Add(statement);
        }
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => $"the string \"{node.GetValue<string>()}\"",
            JsonValueKind.Number => $"the number {node.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {node.ToJsonString()}",
            _ => node.ToJsonString(),
        },
    };

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
