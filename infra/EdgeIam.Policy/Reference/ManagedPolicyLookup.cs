using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Reference;

/// <summary>
/// What the AWS managed-policy snapshot says about one value of <c>ManagedPolicyArns</c>: the policy's document, or why
/// it is not known. There is no third outcome: a policy that cannot be read is never taken as granting nothing or
/// everything.
/// </summary>
internal abstract record ManagedPolicyLookup
{
    // Only the two cases below derive from it.
    private ManagedPolicyLookup()
    {
    }

    /// <summary>An AWS managed policy of the snapshot, with its default version's document.</summary>
    /// <param name="Arn">The ARN as given (its partition kept).</param>
    /// <param name="Name">The policy's name as AWS spells it, e.g. <c>AWSLambdaBasicExecutionRole</c>.</param>
    /// <param name="Path">Its path, <c>/</c> or e.g. <c>/service-role/</c>.</param>
    /// <param name="VersionId">The default version the snapshot holds, e.g. <c>v4</c>.</param>
    /// <param name="Document">The document, read by <see cref="PolicyParser"/> (JSON paths from <c>$</c>).</param>
    /// <param name="Caveat">
    /// Null in the <c>aws</c> partition. In <c>aws-cn</c> and <c>aws-us-gov</c>, where IAM is a separate instance whose
    /// AWS managed policies have the same names but need not have the same content, what the caller should tell.
    /// </param>
    internal sealed record Known(string Arn, string Name, string Path, string VersionId, PolicyDocument Document, string? Caveat) : ManagedPolicyLookup;

    /// <summary>A value the snapshot cannot answer for.</summary>
    /// <param name="Given">The value as given (null when none was).</param>
    /// <param name="Reason">Why it is unknown, e.g. the snapshot does not hold the name.</param>
    /// <param name="Fix">What to do about it, in one sentence.</param>
    /// <param name="Suggestions">ARNs of the snapshot it may have meant, best first (at most three); empty when none is near.</param>
    internal sealed record Unknown(string? Given, string Reason, string Fix, IReadOnlyList<string> Suggestions) : ManagedPolicyLookup;
}
