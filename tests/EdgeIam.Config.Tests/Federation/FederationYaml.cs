using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Federation;

/// <summary>Stack files for federation tests: a valid base that each test bends in one place.</summary>
internal static class FederationYaml
{
    public const string GitHubProvider = """
            - name: github
              issuer: https://token.actions.githubusercontent.com
              audiences: [sts.amazonaws.com]

        """;

    /// <summary>A stack with the GitHub provider and one role with <paramref name="roleBody"/> (indented role keys after name/provider).</summary>
    public static string GitHubRole(string roleBody, string providers = GitHubProvider) => StackFiles.Minimal + $"""
        oidc:
          providers:
        {providers}  roles:
            - name: Deploy
              provider: github
        {roleBody}

        """;

    /// <summary>A stack with one provider entry (indented provider keys).</summary>
    public static string Provider(string providerBody) => StackFiles.Minimal + $"""
        oidc:
          providers:
            - name: idp
        {providerBody}

        """;

    /// <summary>A stack with one cross-account role (indented role keys after name).</summary>
    public static string CrossAccount(string roleBody) => StackFiles.Minimal + $"""
        crossAccount:
          - name: Audit
        {roleBody}

        """;
}
