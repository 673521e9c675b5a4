namespace EdgeIam.Config.Identity;

/// <summary>
/// The services EdgeIam knows to send <c>aws:SourceAccount</c> and <c>aws:SourceArn</c> when they assume a role, with the
/// ARN namespace of <c>aws:SourceArn</c> and the page that documents it. A positive condition on a key the service
/// does not send never matches, so the service could never assume the role: for a service not listed here the
/// owner either names the source ARNs (asserting the service sends them) or says why the trust has no key
/// (<c>withoutSourceKeys</c>). https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
/// </summary>
public static class ServiceSourceKeys
{
    /// <summary>Service principal → (ARN service namespace of its aws:SourceArn, the AWS page that documents both keys).</summary>
    public static IReadOnlyDictionary<string, (string Namespace, string Source)> Known { get; } =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            // "Allow CodeBuild to interact with other AWS services": aws:SourceAccount and aws:SourceArn (the project).
            ["codebuild.amazonaws.com"] = ("codebuild", "https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html"),
            // EventBridge Scheduler execution role: aws:SourceAccount and aws:SourceArn (the schedule group).
            ["scheduler.amazonaws.com"] = ("scheduler", "https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role"),
            // ECS task roles: aws:SourceAccount and aws:SourceArn (arn:aws:ecs:region:account:*).
            ["ecs-tasks.amazonaws.com"] = ("ecs", "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html"),
        };

    /// <summary>Service principals another section owns, and which one (a service role would bypass its rules).</summary>
    public static IReadOnlyDictionary<string, string> OwnedElsewhere { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ec2.amazonaws.com"] = "edgeFleets (instance-profile roles)",
        ["ecs-tasks.amazonaws.com"] = "edgeFleets[].taskRoles",
        ["pods.eks.amazonaws.com"] = "edgeFleets[].podRoles",
        ["rolesanywhere.amazonaws.com"] = "rolesAnywhere.roles",
    };
}
