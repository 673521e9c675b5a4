using System.Diagnostics.CodeAnalysis;

namespace EdgeIam.Policy.Model;

/// <summary>A parsed condition operator such as <c>ForAnyValue:StringLikeIfExists</c>.</summary>
public sealed record ConditionOperator(
    string Name,
    ConditionSetOperator SetOperator,
    ConditionOperatorKind Kind,
    bool IfExists)
{
    private const string IfExistsSuffix = "IfExists";

    internal ConditionFamily Family => Kind switch
    {
        <= ConditionOperatorKind.StringNotLike => ConditionFamily.String,
        <= ConditionOperatorKind.NumericGreaterThanEquals => ConditionFamily.Numeric,
        <= ConditionOperatorKind.DateGreaterThanEquals => ConditionFamily.Date,
        ConditionOperatorKind.Bool => ConditionFamily.Bool,
        ConditionOperatorKind.BinaryEquals => ConditionFamily.Binary,
        ConditionOperatorKind.IpAddress or ConditionOperatorKind.NotIpAddress => ConditionFamily.IpAddress,
        ConditionOperatorKind.Null => ConditionFamily.Null,
        _ => ConditionFamily.Arn,
    };

    /// <summary>
    /// Negated operators: a missing key makes them true, and several policy values combine with AND
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html).
    /// </summary>
    public bool IsNegated => Kind is ConditionOperatorKind.StringNotEquals or ConditionOperatorKind.StringNotEqualsIgnoreCase
        or ConditionOperatorKind.StringNotLike or ConditionOperatorKind.NumericNotEquals or ConditionOperatorKind.DateNotEquals
        or ConditionOperatorKind.NotIpAddress or ConditionOperatorKind.ArnNotEquals or ConditionOperatorKind.ArnNotLike;

    /// <summary>Operators whose values may hold <c>*</c> and <c>?</c> wildcards.</summary>
    internal bool SupportsWildcards => Kind is ConditionOperatorKind.StringLike or ConditionOperatorKind.StringNotLike
        || Family == ConditionFamily.Arn;

    /// <summary>
    /// Operators whose values may hold policy variables (String, ARN and Bool per the operator reference).
    /// </summary>
    internal bool SupportsVariables => Family is ConditionFamily.String or ConditionFamily.Arn or ConditionFamily.Bool;

    /// <summary>Parses an operator name; set qualifiers and the <c>IfExists</c> suffix are case-insensitive like the base name.</summary>
    public static bool TryParse(string name, [NotNullWhen(true)] out ConditionOperator? result)
    {
        result = null;
        var rest = name.AsSpan();
        var set = ConditionSetOperator.None;
        if (rest.StartsWith("ForAllValues:", StringComparison.OrdinalIgnoreCase))
        {
            set = ConditionSetOperator.ForAllValues;
            rest = rest["ForAllValues:".Length..];
        }
        else if (rest.StartsWith("ForAnyValue:", StringComparison.OrdinalIgnoreCase))
        {
            set = ConditionSetOperator.ForAnyValue;
            rest = rest["ForAnyValue:".Length..];
        }

        var ifExists = false;
        if (rest.EndsWith(IfExistsSuffix, StringComparison.OrdinalIgnoreCase))
        {
            ifExists = true;
            rest = rest[..^IfExistsSuffix.Length];
        }

        // Enum.TryParse also takes numbers and comma lists; an operator name is letters only.
        foreach (var c in rest)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        if (!Enum.TryParse<ConditionOperatorKind>(rest, ignoreCase: true, out var kind))
        {
            return false;
        }

        // Null tests presence itself, so neither IfExists nor a set qualifier means anything on it.
        if (kind == ConditionOperatorKind.Null && (ifExists || set != ConditionSetOperator.None))
        {
            return false;
        }

        result = new ConditionOperator(name, set, kind, ifExists);
        return true;
    }
}
