using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Federation;

public sealed class OidcRoleRulesTests
{
    [Fact]
    public void ExactSubjectsAndPatternsAreKeptApart()
    {
        var stack = StackFiles.Valid(FederationYaml.GitHubRole("""
                  subjects:
                    - "repo:acme/edge-app:ref:refs/heads/main"
                    - "repo:acme/edge-app:environment:prod"
                    - "repo:acme/edge-app:ref:refs/tags/v*"
            """));

        var role = Assert.Single(stack.Oidc!.Roles);
        Assert.Equal(["repo:acme/edge-app:ref:refs/heads/main", "repo:acme/edge-app:environment:prod"], role.ExactSubjects);
        Assert.Equal(["repo:acme/edge-app:ref:refs/tags/v*"], role.PatternSubjects);
        Assert.Equal("sts.amazonaws.com", role.Audience);
        Assert.Equal(3600, role.Access.MaxSessionDurationSeconds);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("**")]
    [InlineData("?*")]
    public void BareWildcardSubjectIsRefused(string subject)
    {
        var error = StackFiles.SingleError(FederationYaml.GitHubRole($"""
                  subjects: ["{subject}"]
            """));

        Assert.Equal("oidc.roles[0].subjects[0]", error.KeyPath);
        Assert.Contains("matches every identity of the issuer", error.Message, StringComparison.Ordinal);
        Assert.Equal(11, error.Line);
    }

    [Fact]
    public void BareWildcardSubjectIsRefusedForGenericProvidersToo()
    {
        var error = StackFiles.SingleError(FederationYaml.GitHubRole("""
                  subjects: ["*"]
            """, providers: """
                - name: github
                  issuer: https://idp.example.com
                  audiences: [x]

            """));

        Assert.Contains("matches every identity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoleNeedsSubjects()
    {
        var error = StackFiles.SingleError(FederationYaml.GitHubRole("""
                  maxSessionDuration: 1h
            """));

        Assert.Equal("oidc.roles[0].subjects", error.KeyPath);
        Assert.Contains("required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptySubjectListIsRefused()
    {
        var error = StackFiles.SingleError(FederationYaml.GitHubRole("""
                  subjects: []
            """));

        Assert.Contains("empty subject list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubjectWithWhitespaceIsRefused()
    {
        var error = StackFiles.SingleError(FederationYaml.GitHubRole("""
                  subjects: ["repo:acme/edge-app:ref:refs/heads/main "]
            """));

        Assert.Equal("oidc.roles[0].subjects[0]", error.KeyPath);
        Assert.Equal((11, 18), (error.Line, error.Column));
        Assert.Contains("starts or ends with whitespace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubjectsAreListedOnce()
    {
        var error = StackFiles.SingleError(FederationYaml.GitHubRole("""
                  subjects: ["repo:acme/a:pull_request", "repo:acme/a:pull_request"]
            """));

        Assert.Equal("oidc.roles[0].subjects[1]", error.KeyPath);
        Assert.Contains("listed twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GitHubOwnerWildcardIsRefusedEvenOrgWide()
    {
        var error = StackFiles.SingleError(FederationYaml.GitHubRole("""
                  subjects: ["repo:*/edge-app:ref:refs/heads/main"]
                  allowOrgWideSubjects: true
            """));

        Assert.Equal("oidc.roles[0].subjects[0]", error.KeyPath);
        Assert.Contains("wildcard in the repository owner", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GitHubRepositoryWildcardNeedsAllowOrgWideSubjects()
    {
        var error = StackFiles.SingleError(FederationYaml.GitHubRole("""
                  subjects: ["repo:acme/*"]
            """));

        Assert.Contains("wildcard in the repository name", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowOrgWideSubjects: true", error.Fix, StringComparison.Ordinal);

        var stack = StackFiles.Valid(FederationYaml.GitHubRole("""
                  subjects: ["repo:acme/*"]
                  allowOrgWideSubjects: true
            """));
        Assert.True(stack.Oidc!.Roles[0].AllowOrgWideSubjects);
    }

    [Fact]
    public void GitHubImmutableSubjectFormIsAccepted()
    {
        var stack = StackFiles.Valid(FederationYaml.GitHubRole("""
                  subjects: ["repo:acme@123456/edge-app@456789:ref:refs/heads/main"]
            """));

        Assert.Equal(["repo:acme@123456/edge-app@456789:ref:refs/heads/main"], stack.Oidc!.Roles[0].ExactSubjects);
    }

    [Fact]
    public void GitHubSubjectNeedsAContext()
    {
        var error = StackFiles.SingleError(FederationYaml.GitHubRole("""
                  subjects: ["repo:acme/edge-app"]
            """));

        Assert.Contains("no context after the repository", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NeedlessOrgWideOptInIsReported()
    {
        var result = StackFiles.Load(FederationYaml.GitHubRole("""
                  subjects: ["repo:acme/edge-app:pull_request"]
                  allowOrgWideSubjects: true
            """));

        Assert.False(result.HasErrors);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("oidc.roles[0].allowOrgWideSubjects", warning.KeyPath);
    }

    [Fact]
    public void GitLabGroupWildcardIsRefused()
    {
        var error = StackFiles.SingleError(GitLabRole("""
                  subjects: ["project_path:*/edge-app:ref_type:branch:ref:main"]
                  allowOrgWideSubjects: true
            """));

        Assert.Contains("wildcard in the top-level group", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GitLabProjectWildcardNeedsAllowOrgWideSubjects()
    {
        var error = StackFiles.SingleError(GitLabRole("""
                  subjects: ["project_path:acme/*:ref_type:branch:ref:main"]
            """));

        Assert.Contains("wildcard in the project path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GitLabSubjectsUseProjectPath()
    {
        var error = StackFiles.SingleError(GitLabRole("""
                  subjects: ["repo:acme/edge-app:ref:refs/heads/main"]
            """));

        Assert.Contains("is not a GitLab subject", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoleMustNameADeclaredProvider()
    {
        var error = StackFiles.SingleError(FederationYaml.GitHubRole("""
                  subjects: ["repo:acme/a:pull_request"]
            """).Replace("provider: github", "provider: githb", StringComparison.Ordinal));

        Assert.Equal("oidc.roles[0].provider", error.KeyPath);
        Assert.Contains("did you mean github?", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AudienceIsRequiredWhenTheProviderHasSeveral()
    {
        var yaml = GitLabRole("""
                  subjects: ["project_path:acme/edge-app:ref_type:branch:ref:main"]
            """, audiences: "[https://gitlab.com, sts.amazonaws.com]");
        var error = StackFiles.SingleError(yaml);

        Assert.Equal("oidc.roles[0].audience", error.KeyPath);
        Assert.Contains("https://gitlab.com, sts.amazonaws.com", error.Fix, StringComparison.Ordinal);

        var stack = StackFiles.Valid(yaml + "      audience: sts.amazonaws.com\n");
        Assert.Equal("sts.amazonaws.com", stack.Oidc!.Roles[0].Audience);
    }

    [Fact]
    public void AudienceMustBeOneOfTheProviders()
    {
        var error = StackFiles.SingleError(FederationYaml.GitHubRole("""
                  audience: https://gitlab.com
                  subjects: ["repo:acme/a:pull_request"]
            """));

        Assert.Equal("oidc.roles[0].audience", error.KeyPath);
        Assert.Contains("is not an audience of provider 'github'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClaimConditionsBecomeProviderConditionKeys()
    {
        var stack = StackFiles.Valid(FederationYaml.GitHubRole("""
                  subjects: ["repo:acme/a:environment:prod"]
                  conditions:
                    StringEquals:
                      job_workflow_ref: acme/a/.github/workflows/deploy.yml@refs/heads/main
                      token.actions.githubusercontent.com:environment: prod
            """));

        var conditions = stack.Oidc!.Roles[0].ClaimConditions;
        Assert.Equal(
            ["token.actions.githubusercontent.com:job_workflow_ref", "token.actions.githubusercontent.com:environment"],
            conditions.Select(c => c.Key));
        Assert.All(conditions, c => Assert.Equal("StringEquals", c.Operator));
    }

    [Theory]
    [InlineData("ForAllValues:StringEquals", "environment", "ForAllValues: on the single-valued claim")]
    [InlineData("ForAllValues:StringLike", "job_workflow_ref", "ForAllValues: on the single-valued claim")]
    [InlineData("StringNotEquals", "actor", "cannot pin a token claim")]
    [InlineData("StringLikeIfExists", "ref", "cannot pin a token claim")]
    [InlineData("StringEquals", "sub", "set by this role's `subjects`")]
    [InlineData("StringEquals", "aud", "set by this role's `audience`")]
    [InlineData("StringEquals", "repository_owner", "does not evaluate the GitHub claim")]
    [InlineData("StringEquals", "gitlab.com:environment", "is not a claim of this role's provider")]
    public void ClaimConditionsOnlyPinClaimsAwsEvaluates(string op, string key, string message)
    {
        var error = StackFiles.SingleError(FederationYaml.GitHubRole($"""
                  subjects: ["repo:acme/a:environment:prod"]
                  conditions:
                    {op}:
                      {key}: prod
            """));

        Assert.Equal($"oidc.roles[0].conditions.{op}.{key}", error.KeyPath);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(14, error.Line);
    }

    [Fact]
    public void GitLabClaimsAreNotEvaluatedByAws()
    {
        var error = StackFiles.SingleError(GitLabRole("""
                  subjects: ["project_path:acme/edge-app:ref_type:branch:ref:main"]
                  conditions:
                    StringEquals:
                      namespace_path: acme
            """));

        Assert.Contains("only aud and sub of GitLab tokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoleNamesAreUniqueAcrossFederationSections()
    {
        var error = StackFiles.SingleError(FederationYaml.GitHubRole("""
                  subjects: ["repo:acme/a:pull_request"]
            """) + """
            crossAccount:
              - name: deploy
                trustedAccounts: ["222222222222"]
                externalId: abc-123
            """);

        Assert.Equal("crossAccount[0].name", error.KeyPath);
        Assert.Contains("already named 'deploy'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoleNameFollowsIamRules()
    {
        var error = StackFiles.SingleError(FederationYaml.GitHubRole("""
                  subjects: ["repo:acme/a:pull_request"]
            """).Replace("name: Deploy", "name: Deploy Role", StringComparison.Ordinal));

        Assert.Equal("oidc.roles[0].name", error.KeyPath);
    }

    [Fact]
    public void RoleSessionDurationIsWithinIamLimits()
    {
        StackFiles.Valid(FederationYaml.GitHubRole("""
                  subjects: ["repo:acme/a:pull_request"]
                  maxSessionDuration: 12h
            """));

        var error = StackFiles.SingleError(FederationYaml.GitHubRole("""
                  subjects: ["repo:acme/a:pull_request"]
                  maxSessionDuration: 43201
            """));
        Assert.Equal("oidc.roles[0].maxSessionDuration", error.KeyPath);
    }

    private static string GitLabRole(string roleBody, string audiences = "[https://gitlab.com]") =>
        FederationYaml.GitHubRole(roleBody, providers: $"""
                - name: github
                  issuer: https://gitlab.com
                  audiences: {audiences}

            """);
}
