namespace EdgeIam.Policy.Evaluation;

/// <summary>
/// The three outcomes of policy evaluation: an explicit deny wins over any allow; without a matching allow the
/// request is implicitly denied (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
/// </summary>
public enum Decision
{
    Allowed,
    ExplicitlyDenied,
    ImplicitlyDenied,
}
