namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>Why a clause came out true or false; drives the explanation <c>can-assume</c> prints.</summary>
public enum ConditionOutcome
{
    Matched,
    NotMatched,
    MissingKeyPositive,
    MissingKeyNegated,
    MissingKeyIfExists,
    ForAllValuesMissingKey,
    ForAnyValueMissingKey,
    MultivaluedKeyWithoutSetOperator,
    UnresolvedVariable,
    NullCheckMatched,
    NullCheckNotMatched,
}
