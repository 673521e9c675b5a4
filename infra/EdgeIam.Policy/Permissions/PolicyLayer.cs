namespace EdgeIam.Policy.Permissions;

/// <summary>
/// The policy types that decide what a role session may do, in the terms of the IAM User Guide, "Policy evaluation
/// logic" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html): identity-based
/// policies grant; a permissions boundary
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html) and session policies
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session) only limit.
/// </summary>
internal enum PolicyLayer
{
    /// <summary>The role's inline policies, <c>AWS::IAM::Policy</c> resources and attached managed policies.</summary>
    Identity,

    /// <summary>The role's <c>PermissionsBoundary</c>: the session may do only what it allows.</summary>
    PermissionsBoundary,

    /// <summary>The session policy and the managed session policies (a Roles Anywhere profile's <c>SessionPolicy</c> and <c>ManagedPolicyArns</c>).</summary>
    SessionPolicy,
}
