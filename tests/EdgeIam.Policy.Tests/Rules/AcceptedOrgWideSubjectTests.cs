using System.Text;
using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Tests.Rules;

/// <summary>
/// EIAM-WEBID-003 with a written justification for the pattern statement (EdgeIam's <c>allowOrgWideSubjects</c>):
/// reported as a warning so reviewers still see it; an owner-wide wildcard stays an error whatever the justification.
/// </summary>
public sealed class AcceptedOrgWideSubjectTests
{
    private static StackTemplate Stack(string subject, bool justified) => TemplateReader.Read(
        Encoding.UTF8.GetBytes($$$"""
        {"Resources": {"R": {"Type": "AWS::IAM::Role",
          {{{(justified ? "\"Metadata\": {\"edgeiam:justifications\": {\"WebIdentitySubjectPatterns\": \"allowOrgWideSubjects: true\"}}," : "")}}}
          "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
            "Sid": "WebIdentitySubjectPatterns", "Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
            "Principal": {"Federated": "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},
            "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                          "StringLike": {"token.actions.githubusercontent.com:sub": "{{{subject}}}" } } } ] } } } } }
        """),
        "t.json", "fixture", "EdgeIam-fixture", StackEnvironment.Parse("aws://111111111111/us-east-1"));

    [Fact]
    public void JustifiedRepositoryWildcardIsAWarningThatNamesTheReason()
    {
        var finding = Assert.Single(new WebIdentityBroadSubjectRule().Check(Stack("repo:acme/*:pull_request", justified: true)));
        Assert.Equal("EIAM-WEBID-003", finding.Rule.Id);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.EndsWith("Accepted: allowOrgWideSubjects: true.", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnjustifiedRepositoryWildcardIsAnError()
    {
        var finding = Assert.Single(new WebIdentityBroadSubjectRule().Check(Stack("repo:acme/*:pull_request", justified: false)));
        Assert.Equal(Severity.Error, finding.Severity);
    }

    [Fact]
    public void OwnerWideWildcardIsAnErrorEvenWhenJustified()
    {
        var finding = Assert.Single(new WebIdentityBroadSubjectRule().Check(Stack("repo:*/edge-app:ref:refs/heads/main", justified: true)));
        Assert.Equal(Severity.Error, finding.Severity);
    }
}
