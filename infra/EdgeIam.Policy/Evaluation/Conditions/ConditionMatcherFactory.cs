using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>Picks the family matcher for an operator.</summary>
internal static class ConditionMatcherFactory
{
    public static ConditionMatcher Create(ConditionOperator op, IReadOnlyList<string> values, bool variablesEnabled) => op.Family switch
    {
        ConditionFamily.String => new StringConditionMatcher(op.Kind, values, variablesEnabled),
        ConditionFamily.Numeric => new NumericConditionMatcher(op.Kind, values),
        ConditionFamily.Date => new DateConditionMatcher(op.Kind, values),
        ConditionFamily.Bool => new BoolConditionMatcher(values, variablesEnabled),
        ConditionFamily.Binary => new BinaryConditionMatcher(values),
        ConditionFamily.IpAddress => new IpAddressConditionMatcher(values),
        ConditionFamily.Arn => new ArnConditionMatcher(values, variablesEnabled),
        _ => throw new ArgumentException($"{op.Name} has no value matcher", nameof(op)),
    };
}
