using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation;

/// <summary>How one statement fared against a request, part by part.</summary>
internal sealed record StatementEvaluation(
    string PolicyName,
    Statement Statement,
    PrincipalMatch Principal,
    bool ActionMatched,
    bool ResourceMatched,
    IReadOnlyList<ConditionEvaluation> Conditions)
{
    public bool Applies => Principal != PrincipalMatch.None && ActionMatched && ResourceMatched && Conditions.All(c => c.Holds);
}
