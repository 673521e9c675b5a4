using EdgeIam.Config.Reading;
using YamlDotNet.RepresentationModel;

namespace EdgeIam.Config.Iam;

/// <summary>
/// Parses a <c>conditions</c> mapping (<c>Operator: { key: value-or-list }</c>) so that the policy says exactly what
/// the file says. Every form that would reach IAM as less than it reads is refused: an empty <c>conditions</c> or
/// operator block (the condition would vanish, leaving the statement unconditional), a complex, null or empty
/// operator or key, a null, empty or nested value, a mapping as value, a value listed twice, and two keys that IAM
/// treats as one (condition key names are case-insensitive).
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
/// </summary>
internal static class ConditionParser
{
    /// <summary>IAM condition operators without the set prefixes and the IfExists suffix.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html</summary>
    internal static readonly string[] Operators =
    [
        "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
        "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
        "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
        "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
    ];

    /// <summary>Set operator prefixes for multivalued keys.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html</summary>
    private static readonly string[] SetPrefixes = ["ForAllValues:", "ForAnyValue:"];

    private const string Example = "conditions: { StringEquals: { \"aws:RequestedRegion\": us-east-1 } }";

    public static List<PolicyCondition> Parse(MappingReader s)
    {
        var result = new List<PolicyCondition>();
        var node = s.Value("conditions");
        if (node is null)
        {
            return result;
        }

        var conditionsPath = s.PathOf("conditions");
        if (node is not YamlMappingNode operators)
        {
            s.Error("conditions", $"expected a mapping of operator to keys, found {MappingReader.Describe(node)}", $"write {Example}.");
            return result;
        }

        if (operators.Children.Count == 0)
        {
            s.Error("conditions", "is an empty mapping, so the statement would have no condition at all",
                $"write the conditions ({Example}) or remove `conditions`.");
            return result;
        }

        foreach (var (opNode, keysNode) in operators.Children)
        {
            var op = s.KeyText(opNode, conditionsPath);
            if (op is null)
            {
                continue;
            }

            var path = conditionsPath + "." + op;
            if (!IsOperator(op))
            {
                var nearest = KeySuggester.Nearest(Bare(op), Operators);
                s.Context.Error(opNode, path, $"'{op}' is not an IAM condition operator",
                    nearest is not null ? $"did you mean {nearest}?" : "use an operator such as StringEquals, ArnLike or Bool.");
                continue;
            }

            if (keysNode is not YamlMappingNode keys)
            {
                s.Context.Error(keysNode, path, $"expected a mapping of condition key to value(s), found {MappingReader.Describe(keysNode)}",
                    "write `aws:SomeKey: value` lines under the operator.");
                continue;
            }

            if (keys.Children.Count == 0)
            {
                s.Context.Error(keysNode, path, $"`{op}` has no condition keys, so this condition would be dropped and the statement would apply unconditionally",
                    "write at least one `aws:SomeKey: value` under the operator, or remove the operator.");
                continue;
            }

            var seenKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (keyNode, valueNode) in keys.Children)
            {
                var key = s.KeyText(keyNode, path);
                if (key is null)
                {
                    continue;
                }

                if (!seenKeys.Add(key))
                {
                    s.Context.Error(keyNode, path + "." + key, $"the condition key '{key}' appears twice under {op} (IAM compares key names ignoring case)",
                        "write the key once and list all its values under it.");
                    continue;
                }

                var values = Values(s, valueNode, path + "." + key);
                if (values is not null)
                {
                    result.Add(new PolicyCondition(op, key, values));
                }
            }
        }

        return result;
    }

    private static List<string>? Values(MappingReader s, YamlNode node, string path)
    {
        const string fix = "give one value or a list of plain values, e.g. [us-east-1, eu-west-1].";
        if (node is YamlScalarNode)
        {
            return s.ScalarText(node, path, fix) is { } single ? [single] : null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            s.Context.Error(node, path, $"expected a value or a list of values, found {MappingReader.Describe(node)}", fix);
            return null;
        }

        if (sequence.Children.Count == 0)
        {
            s.Context.Error(node, path, "is an empty list, so the condition could never be met or would be dropped", fix);
            return null;
        }

        var values = new List<string>();
        var ok = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = path + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
            var value = s.ScalarText(sequence.Children[i], itemPath, fix);
            if (value is null)
            {
                ok = false;
            }
            else if (values.Contains(value, StringComparer.Ordinal))
            {
                s.Context.Error(sequence.Children[i], itemPath, $"'{value}' is listed twice", "list each value once.");
                ok = false;
            }
            else
            {
                values.Add(value);
            }
        }

        return ok ? values : null;
    }

    private static bool IsOperator(string op)
    {
        var bare = op;
        foreach (var prefix in SetPrefixes)
        {
            if (bare.StartsWith(prefix, StringComparison.Ordinal))
            {
                bare = bare[prefix.Length..];
                break;
            }
        }

        if (bare.EndsWith("IfExists", StringComparison.Ordinal) && bare != "IfExists")
        {
            bare = bare[..^"IfExists".Length];
            // Null has no IfExists form: "NullIfExists" is not an operator.
            if (bare == "Null")
            {
                return false;
            }
        }

        return Operators.Contains(bare, StringComparer.Ordinal);
    }

    private static string Bare(string op)
    {
        foreach (var prefix in SetPrefixes)
        {
            op = op.Replace(prefix, "", StringComparison.Ordinal);
        }

        return op.EndsWith("IfExists", StringComparison.Ordinal) ? op[..^"IfExists".Length] : op;
    }
}
