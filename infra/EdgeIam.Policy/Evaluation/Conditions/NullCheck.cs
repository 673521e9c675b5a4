using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>
/// The Null operator: <c>true</c> asks that the key be absent (or empty), <c>false</c> that it be present; several
/// values are ORed (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null).
/// </summary>
internal sealed class NullCheck
{
    private readonly bool _acceptsMissing;
    private readonly bool _acceptsPresent;

    public NullCheck(IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            ConditionValueFormats.TryParseBool(value, out var expectsMissing);
            _acceptsMissing |= expectsMissing;
            _acceptsPresent |= !expectsMissing;
        }
    }

    public bool Holds(bool keyPresent) => keyPresent ? _acceptsPresent : _acceptsMissing;
}
