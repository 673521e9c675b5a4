namespace EdgeIam.Policy.Templates;

/// <summary>Instance metadata service settings (IMDS): <c>HttpTokens</c>, <c>HttpEndpoint</c>, <c>HttpPutResponseHopLimit</c>.</summary>
internal sealed record MetadataOptions(string? HttpTokens, string? HttpEndpoint, int? HopLimit, string JsonPath)
{
    /// <summary>IMDSv2 only: session tokens required, or the endpoint switched off altogether.</summary>
    public bool RequiresTokens =>
        string.Equals(HttpTokens, "required", StringComparison.Ordinal) || string.Equals(HttpEndpoint, "disabled", StringComparison.Ordinal);
}
