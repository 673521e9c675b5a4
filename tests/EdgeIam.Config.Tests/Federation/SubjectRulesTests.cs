using EdgeIam.Config.Federation;

namespace EdgeIam.Config.Tests.Federation;

/// <summary>Compliant and non-compliant subjects for the GitHub and GitLab rules, as data.</summary>
public sealed class SubjectRulesTests
{
    [Theory]
    [InlineData("repo:acme/edge-app:ref:refs/heads/main", false)]
    [InlineData("repo:acme/edge-app:environment:production", false)]
    [InlineData("repo:acme/edge-app:pull_request", false)]
    [InlineData("repo:acme/edge-app:ref:refs/tags/v*", false)]
    [InlineData("repo:acme/edge-app:*", false)]
    [InlineData("repo:acme@123456/edge-app@456789:ref:refs/heads/main", false)]
    [InlineData("repo:acme/*:pull_request", true)]
    [InlineData("repo:acme/edge-*:ref:refs/heads/main", true)]
    [InlineData("repo:acme@123456/*:ref:refs/heads/main", true)]
    [InlineData("repository_owner:acme:context:production", false)]
    public void GitHubSubjectsThatPinTheOwnerAreAccepted(string subject, bool needsOrgWide)
    {
        Assert.Null(GitHubSubjectRules.Check(subject, allowOrgWide: true));
        Assert.Equal(needsOrgWide, GitHubSubjectRules.Check(subject, allowOrgWide: false) is not null);
    }

    [Theory]
    [InlineData("repo:*/edge-app:ref:refs/heads/main", "wildcard in the repository owner")]
    [InlineData("repo:acme*", "wildcard in the repository owner")]
    [InlineData("repo:ac?e/edge-app:pull_request", "wildcard in the repository owner")]
    [InlineData("repo:*", "wildcard in the repository owner")]
    [InlineData("repo:acme/edge-app", "no context after the repository")]
    [InlineData("repo:acme/edge-app:", "no context after the repository")]
    [InlineData("repo:acme", "is not a GitHub subject")]
    [InlineData("repo:acme/edge app:pull_request", "is not a GitHub repository name")]
    [InlineData("acme/edge-app", "is not a GitHub subject")]
    [InlineData("repository_owner:acme:*", "customized GitHub subject with a wildcard")]
    public void GitHubSubjectsThatLeaveTheOwnerOpenAreRefused(string subject, string message)
    {
        var violation = GitHubSubjectRules.Check(subject, allowOrgWide: true);

        Assert.NotNull(violation);
        Assert.Contains(message, violation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("project_path:acme/edge-app:ref_type:branch:ref:main", null)]
    [InlineData("project_path:acme/edge/edge-app:ref_type:tag:ref:v1.0.0", null)]
    [InlineData("project_path:acme/*:ref_type:branch:ref:main", "wildcard in the project path")]
    [InlineData("project_path:acme/edge/*:ref_type:branch:ref:main", "wildcard in the project path")]
    [InlineData("project_path:*:ref_type:branch:ref:main", "wildcard in the top-level group")]
    [InlineData("project_path:ac*/edge-app:ref_type:branch:ref:main", "wildcard in the top-level group")]
    [InlineData("project_path:acme/edge-app", "no ref_type/ref")]
    [InlineData("project_path:acme:ref_type:branch:ref:main", "is not a GitLab project path")]
    [InlineData("repo:acme/edge-app:ref:refs/heads/main", "is not a GitLab subject")]
    public void GitLabSubjectsPinTheGroupAndProject(string subject, string? message)
    {
        var violation = GitLabSubjectRules.Check(subject, allowOrgWide: false);

        if (message is null)
        {
            Assert.Null(violation);
        }
        else
        {
            Assert.NotNull(violation);
            Assert.Contains(message, violation.Message, StringComparison.Ordinal);
        }
    }
}
