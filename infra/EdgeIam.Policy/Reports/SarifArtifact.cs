namespace EdgeIam.Policy.Reports;

/// <summary>A SARIF artifactLocation: a relative, percent-encoded <c>uri</c> resolved against <c>uriBaseId</c>.</summary>
internal readonly record struct SarifArtifact(string BaseId, string Uri);
