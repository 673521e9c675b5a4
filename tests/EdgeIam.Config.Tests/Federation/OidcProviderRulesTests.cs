using EdgeIam.Config.Federation;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Federation;

public sealed class OidcProviderRulesTests
{
    [Fact]
    public void GitHubPresetFillsIssuerAndAudience()
    {
        var stack = StackFiles.Valid(StackFiles.Minimal + """
            oidc:
              providers:
                - name: github
                  preset: github
            """);

        var provider = Assert.Single(stack.Oidc!.Providers);
        Assert.Equal("https://token.actions.githubusercontent.com", provider.Issuer);
        Assert.Equal(["sts.amazonaws.com"], provider.Audiences);
        Assert.Equal(OidcPreset.GitHub, provider.Preset);
        Assert.Empty(provider.Thumbprints);
        Assert.True(provider.CreatedHere);
        Assert.Equal("token.actions.githubusercontent.com:aud", provider.ConditionKey("aud"));
    }

    [Fact]
    public void GitLabPresetUsesTheInstanceUrlAsAudience()
    {
        var stack = StackFiles.Valid(FederationYaml.Provider("""
                  preset: gitlab
                  issuer: https://gitlab.acme.example
            """));

        var provider = Assert.Single(stack.Oidc!.Providers);
        Assert.Equal(["https://gitlab.acme.example"], provider.Audiences);
        Assert.Equal(OidcPreset.GitLab, provider.Preset);
    }

    [Fact]
    public void KnownIssuersSelectTheirSubjectRulesWithoutAPreset()
    {
        var stack = StackFiles.Valid(StackFiles.Minimal + """
            oidc:
              providers:
                - name: github
                  issuer: https://token.actions.githubusercontent.com
                  audiences: [sts.amazonaws.com]
                - name: gitlab
                  issuer: https://gitlab.com
                  audiences: [https://gitlab.com]
                - name: okta
                  issuer: https://acme.okta.com/oauth2/default
                  audiences: [0oa1b2c3d4]
            """);

        Assert.Equal([OidcPreset.GitHub, OidcPreset.GitLab, OidcPreset.Generic], stack.Oidc!.Providers.Select(p => p.Preset));
        Assert.Equal("acme.okta.com/oauth2/default", stack.Oidc.Providers[2].HostPath);
    }

    [Theory]
    [InlineData("http://token.example.com", "is not an https URL")]
    [InlineData("https://token.example.com/?tenant=1", "has a query or fragment")]
    [InlineData("https://token.example.com#x", "has a query or fragment")]
    [InlineData("https://token.example.com/", "ends with '/'")]
    [InlineData("https://token.example.com:8443", "has a port or user name")]
    [InlineData("https://Token.Example.com", "is not a valid issuer URL")]
    public void IssuerIsHttpsHostAndPathOnly(string issuer, string message)
    {
        var error = StackFiles.SingleError(FederationYaml.Provider($"""
                  issuer: "{issuer}"
                  audiences: [sts.amazonaws.com]
            """));

        Assert.Equal("oidc.providers[0].issuer", error.KeyPath);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.Line);
        Assert.EndsWith("dev.yaml", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void IssuerIsAtMost255Characters()
    {
        var ok = "https://idp.example.com/" + new string('a', 255 - "https://idp.example.com/".Length);
        StackFiles.Valid(FederationYaml.Provider($"""
                  issuer: {ok}
                  audiences: [x]
            """));

        var error = StackFiles.SingleError(FederationYaml.Provider($"""
                  issuer: {ok}b
                  audiences: [x]
            """));
        Assert.Contains("256 characters; IAM allows at most 255", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderNeedsAnIssuer()
    {
        var error = StackFiles.SingleError(FederationYaml.Provider("""
                  audiences: [sts.amazonaws.com]
            """));

        Assert.Equal("oidc.providers[0].issuer", error.KeyPath);
        Assert.Contains("required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderNeedsAudiences()
    {
        var error = StackFiles.SingleError(FederationYaml.Provider("""
                  issuer: https://idp.example.com
                  audiences: []
            """));

        Assert.Equal("oidc.providers[0].audiences", error.KeyPath);
        Assert.Contains("at least one audience", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GenericProviderWithoutAudiencesIsRefused()
    {
        var error = StackFiles.SingleError(FederationYaml.Provider("""
                  issuer: https://idp.example.com
            """));

        Assert.Equal("oidc.providers[0].audiences", error.KeyPath);
    }

    [Fact]
    public void AtMost100AudiencesPerProvider()
    {
        static string Audiences(int n) => "[" + string.Join(", ", Enumerable.Range(0, n).Select(i => "client" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
        StackFiles.Valid(FederationYaml.Provider($"""
                  issuer: https://idp.example.com
                  audiences: {Audiences(100)}
            """));

        var error = StackFiles.SingleError(FederationYaml.Provider($"""
                  issuer: https://idp.example.com
                  audiences: {Audiences(101)}
            """));
        Assert.Contains("101 audiences exceed IAM's limit of 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AudienceIsAtMost255Characters()
    {
        StackFiles.Valid(FederationYaml.Provider($"""
                  issuer: https://idp.example.com
                  audiences: [{new string('a', 255)}]
            """));

        var error = StackFiles.SingleError(FederationYaml.Provider($"""
                  issuer: https://idp.example.com
                  audiences: [{new string('a', 256)}]
            """));
        Assert.Equal("oidc.providers[0].audiences", error.KeyPath);
        Assert.Contains("256 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AudiencesAreListedOnce()
    {
        var error = StackFiles.SingleError(FederationYaml.Provider("""
                  issuer: https://idp.example.com
                  audiences: [a, a]
            """));

        Assert.Contains("listed twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThumbprintsAre40HexCharacters()
    {
        var error = StackFiles.SingleError(FederationYaml.Provider("""
                  issuer: https://idp.example.com
                  audiences: [x]
                  thumbprints: ["9e99a48a9960b14926bb7f3b02e22da2b0ab728"]
            """));

        Assert.Equal("oidc.providers[0].thumbprints", error.KeyPath);
        Assert.Contains("40 hex characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AtMostFiveThumbprints()
    {
        static string Thumbprints(int n) => "[" + string.Join(", ", Enumerable.Range(0, n).Select(i => new string((char)('a' + i), 40))) + "]";
        StackFiles.Valid(FederationYaml.Provider($"""
                  issuer: https://idp.example.com
                  audiences: [x]
                  thumbprints: {Thumbprints(5)}
            """));

        var error = StackFiles.SingleError(FederationYaml.Provider($"""
                  issuer: https://idp.example.com
                  audiences: [x]
                  thumbprints: {Thumbprints(6)}
            """));
        Assert.Contains("6 thumbprints exceed IAM's limit of 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingProviderIsReferencedNotCreated()
    {
        var stack = StackFiles.Valid(FederationYaml.Provider("""
                  preset: github
                  existingProviderArn: arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com
            """));

        var provider = Assert.Single(stack.Oidc!.Providers);
        Assert.False(provider.CreatedHere);
        Assert.Equal("https://token.actions.githubusercontent.com", provider.Issuer);
    }

    [Fact]
    public void ExistingProviderIssuerComesFromItsArn()
    {
        var stack = StackFiles.Valid(FederationYaml.Provider("""
                  audiences: [x]
                  existingProviderArn: arn:aws:iam::111111111111:oidc-provider/idp.example.com/tenant
            """));

        Assert.Equal("https://idp.example.com/tenant", Assert.Single(stack.Oidc!.Providers).Issuer);
    }

    [Fact]
    public void ExistingProviderMustLiveInTheStacksAccount()
    {
        var error = StackFiles.SingleError(FederationYaml.Provider("""
                  preset: github
                  existingProviderArn: arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com
            """));

        Assert.Equal("oidc.providers[0].existingProviderArn", error.KeyPath);
        Assert.Contains("belongs to account 222222222222", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingProviderMustBeInTheStacksPartition()
    {
        var error = StackFiles.SingleError(FederationYaml.Provider("""
                  preset: github
                  existingProviderArn: arn:aws-cn:iam::111111111111:oidc-provider/token.actions.githubusercontent.com
            """));

        Assert.Contains("partition 'aws-cn'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingProviderArnMustNameTheIssuer()
    {
        var error = StackFiles.SingleError(FederationYaml.Provider("""
                  issuer: https://token.actions.githubusercontent.com
                  audiences: [sts.amazonaws.com]
                  existingProviderArn: arn:aws:iam::111111111111:oidc-provider/gitlab.com
            """));

        Assert.Equal("oidc.providers[0].existingProviderArn", error.KeyPath);
        Assert.Contains("names the provider 'gitlab.com'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingProviderArnIsAnOidcProviderArn()
    {
        var error = StackFiles.SingleError(FederationYaml.Provider("""
                  preset: github
                  existingProviderArn: arn:aws:iam::111111111111:saml-provider/okta
            """));

        Assert.Contains("is not an IAM OIDC provider ARN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThumbprintsBelongToTheStackThatCreatesTheProvider()
    {
        var error = StackFiles.SingleError(FederationYaml.Provider("""
                  preset: github
                  thumbprints: ["6938fd4d98bab03faadb97b34396831e3780aea1"]
                  existingProviderArn: arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com
            """));

        Assert.Equal("oidc.providers[0].thumbprints", error.KeyPath);
    }

    [Fact]
    public void UnknownPresetIsRefused()
    {
        var error = StackFiles.SingleError(FederationYaml.Provider("""
                  preset: githib
            """));

        Assert.Equal("oidc.providers[0].preset", error.KeyPath);
        Assert.Contains("did you mean github?", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderNamesAreUnique()
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + """
            oidc:
              providers:
                - name: github
                  preset: github
                - name: github
                  preset: gitlab
                  audiences: [https://gitlab.com]
            """);

        Assert.Equal("oidc.providers", error.KeyPath);
        Assert.Contains("two providers are named 'github'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneProviderPerIssuerPerStack()
    {
        var error = StackFiles.SingleError(StackFiles.Minimal + """
            oidc:
              providers:
                - name: github
                  preset: github
                - name: github2
                  issuer: https://token.actions.githubusercontent.com
                  audiences: [other]
            """);

        Assert.Contains("have the same issuer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownProviderKeyIsReportedWithASuggestion()
    {
        var error = StackFiles.SingleError(FederationYaml.Provider("""
                  preset: github
                  thumbprint: ["6938fd4d98bab03faadb97b34396831e3780aea1"]
            """));

        Assert.Equal("oidc.providers[0].thumbprint", error.KeyPath);
        Assert.Contains("thumbprints", error.Fix, StringComparison.Ordinal);
    }
}
