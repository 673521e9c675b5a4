namespace EdgeIam.Policy.Reference;

/// <summary>
/// The access level AWS's Service Authorization Reference gives an action
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html).
/// Only <see cref="List"/> and <see cref="Read"/> leave the account unchanged.
/// </summary>
internal enum ActionAccessLevel
{
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
}
