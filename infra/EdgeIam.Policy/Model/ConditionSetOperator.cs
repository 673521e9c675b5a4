namespace EdgeIam.Policy.Model;

/// <summary>The qualifier in front of a condition operator for multivalued context keys.</summary>
public enum ConditionSetOperator
{
    None,
    ForAllValues,
    ForAnyValue,
}
