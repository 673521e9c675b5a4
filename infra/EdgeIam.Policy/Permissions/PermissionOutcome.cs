namespace EdgeIam.Policy.Permissions;

/// <summary>
/// What IAM decides for one request of a role session, as far as the template shows it. <see cref="CannotProve"/> is
/// never a success: an unknown policy, or a deploy-time value in a statement that could change the answer.
/// Organisation SCPs and RCPs are not in any template; they can only deny further, so <see cref="Allowed"/> is an
/// upper bound ("allowed by every policy EdgeIam can see").
/// </summary>
internal enum PermissionOutcome
{
    Allowed,
    ExplicitlyDenied,
    ImplicitlyDenied,
    CannotProve,
}
