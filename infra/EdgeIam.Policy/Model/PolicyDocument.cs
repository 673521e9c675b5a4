namespace EdgeIam.Policy.Model;

/// <summary>An IAM policy document (identity, trust or other resource policy).</summary>
public sealed record PolicyDocument(string? Version, string? Id, IReadOnlyList<Statement> Statements, string JsonPath)
{
    public const string CurrentVersion = "2012-10-17";
    public const string LegacyVersion = "2008-10-17";

    /// <summary>
    /// Policy variables are only substituted under version 2012-10-17; otherwise <c>${...}</c> is literal text
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html).
    /// </summary>
    public bool SupportsVariables => Version == CurrentVersion;
}
