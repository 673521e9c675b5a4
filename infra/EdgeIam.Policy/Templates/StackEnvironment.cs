namespace EdgeIam.Policy.Templates;

/// <summary>
/// The account and region a stack deploys to, from the assembly manifest (<c>aws://111111111111/us-east-1</c>).
/// Unknown parts stay symbolic (<c>${AWS::AccountId}</c>); the partition follows the region and defaults to <c>aws</c>.
/// </summary>
public sealed record StackEnvironment(string? Account, string? Region)
{
    public static StackEnvironment Unknown { get; } = new(null, null);

    public string Partition => Region switch
    {
        null => "aws",
        _ when Region.StartsWith("cn-", StringComparison.Ordinal) => "aws-cn",
        _ when Region.StartsWith("us-gov-", StringComparison.Ordinal) => "aws-us-gov",
        _ => "aws",
    };

    public string UrlSuffix => Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";

    /// <summary>Parses a manifest environment; <c>unknown-account</c>/<c>unknown-region</c> stay unknown.</summary>
    public static StackEnvironment Parse(string? environment)
    {
        const string Prefix = "aws://";
        if (environment is null || !environment.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Unknown;
        }

        var parts = environment[Prefix.Length..].Split('/');
        string? Known(int i) => parts.Length > i && parts[i].Length > 0 && !parts[i].StartsWith("unknown-", StringComparison.Ordinal) ? parts[i] : null;
        return new StackEnvironment(Known(0), Known(1));
    }
}
