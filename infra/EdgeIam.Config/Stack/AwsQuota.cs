namespace EdgeIam.Config.Stack;

/// <summary>Whether a quota counts per account, or per account and region.</summary>
public enum QuotaScope
{
    Account,
    Region,
}

/// <summary>
/// One AWS quota EdgeIam checks across the stack files loaded together (<see cref="QuotaCheck"/>). A raisable quota
/// exceeded at its default is a warning until the stack file declares the account's raised value under
/// <c>quotas:</c> (<see cref="Key"/>), which is then enforced as an error; a quota AWS does not raise is an error.
/// </summary>
/// <param name="Key">The key under <c>quotas:</c> that declares the raised value; null when AWS does not raise it.</param>
/// <param name="Name">The quota's name as the Service Quotas console shows it.</param>
/// <param name="Noun">What is counted, plural (<c>IAM roles</c>).</param>
/// <param name="Default">AWS's default value.</param>
/// <param name="Max">The most AWS grants (declaring more is an error); null when AWS documents no maximum.</param>
/// <param name="Page">The AWS page that states the default, whether it is adjustable and the maximum.</param>
public sealed record AwsQuota(string? Key, string Name, string Noun, int Default, int? Max, QuotaScope Scope, string Page)
{
    public bool Raisable => Key is not null;
}
