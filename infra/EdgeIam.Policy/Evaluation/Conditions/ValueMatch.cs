namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>How one request value compares with a clause's policy values, before negation.</summary>
internal enum ValueMatch
{
    NoMatch,
    Match,

    /// <summary>A policy value's variable could not be resolved, so that value matches nothing, negated or not.</summary>
    Unresolved,
}
