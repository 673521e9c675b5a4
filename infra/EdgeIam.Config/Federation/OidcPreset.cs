namespace EdgeIam.Config.Federation;

/// <summary>Which issuer's subject format EdgeIam knows, so it can check subjects for owner/project wildcards.</summary>
public enum OidcPreset
{
    /// <summary>Any OIDC issuer: subjects are opaque, only a bare wildcard is refused.</summary>
    Generic,

    /// <summary>GitHub Actions (<c>repo:OWNER/REPO:…</c> subjects).</summary>
    GitHub,

    /// <summary>GitLab CI/CD (<c>project_path:GROUP/PROJECT:ref_type:…:ref:…</c> subjects).</summary>
    GitLab,
}
