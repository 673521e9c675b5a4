using System.Collections.Concurrent;
using CsCheck;
using EdgeIam.Config.Tests.Support;
using Xunit.Abstractions;

namespace EdgeIam.Config.Tests.Schema;

/// <summary>
/// Generated OIDC subjects with wildcards in the owner/group, the repository/project or the context, with and without
/// allowOrgWideSubjects, for a GitHub and a GitLab role, in files with and without a generic provider. The schema must
/// never refuse a subject the loader accepts; and for subjects in the provider's own form (repo:OWNER/REPO:CONTEXT,
/// project_path:GROUP/PROJECT:ref_type:...) in a file whose providers are all GitHub or GitLab, it must refuse exactly
/// what the loader refuses.
/// </summary>
public sealed class SubjectRulePropertyTests(ITestOutputHelper output)
{
    private static readonly Gen<string> Name = Gen.OneOf("acme", "edge-app", "*", "ac*", "?cme", "edge-*", "a?c");

    private static readonly Gen<string> Context = Gen.OneOf("ref:refs/heads/main", "environment:production", "pull_request", "ref:refs/heads/*", "*");

    private static readonly Gen<(string Subject, bool OwnForm)> GitHubSubject = Gen.OneOf(
        Gen.Select(Name, Name, Context, (owner, repo, context) => ($"repo:{owner}/{repo}:{context}", true)),
        Gen.Select(Name, Context, (owner, context) => ($"repo:{owner}:{context}", false)),
        Gen.Select(Name, Name, (a, b) => ($"{a}:{b}", false)));

    private static readonly Gen<(string Subject, bool OwnForm)> GitLabSubject = Gen.OneOf(
        Gen.Select(Name, Name, Gen.OneOf("main", "*", "v1.*"), (group, project, reference) => ($"project_path:{group}/{project}:ref_type:branch:ref:{reference}", true)),
        Gen.Select(Name, Name, (group, sub) => ($"project_path:{group}/{sub}/x:ref_type:tag:ref:v1", true)),
        Gen.Select(Name, (group) => ($"project_path:{group}:ref_type:branch:ref:main", false)));

    private static readonly Gen<Sample> Samples = Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, GitHubSubject, GitLabSubject,
        (gitlab, optIn, generic, github, lab) =>
        {
            var (subject, ownForm) = gitlab ? lab : github;
            return new Sample(gitlab ? "gitlab" : "github", subject, optIn, generic, ownForm);
        });

    [Fact]
    public void TheSchemaRefusesASubjectOnlyWhenTheLoaderDoes()
    {
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        Samples.Sample(sample =>
        {
            var yaml = Yaml(sample);
            var schemaAccepts = StackSchema.Instance.Errors(YamlToJson.Convert(yaml, out _)).Count == 0;
            var loader = StackFiles.Load(yaml);
            var loaderAccepts = !loader.HasErrors;
            Assert.False(!schemaAccepts && loaderAccepts, "the schema refuses a subject the loader accepts:\n" + yaml);
            if (sample.OwnForm && !sample.GenericProviderToo)
            {
                Assert.True(schemaAccepts == loaderAccepts,
                    $"schema {(schemaAccepts ? "accepts" : "refuses")}, loader {(loaderAccepts ? "accepts" : "refuses")}:\n{yaml}{string.Join("\n", loader.Diagnostics)}");
            }

            var outcome = (schemaAccepts, loaderAccepts) switch
            {
                (true, true) => "accepted by both",
                (false, false) => "refused by both",
                _ => sample.GenericProviderToo ? "loader only: a generic provider in the file" : "loader only: provider-dependent format",
            };
            outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        }, iter: 1000, threads: 1, print: s => s.ToString());

        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{count,5} {outcome}");
        }

        Assert.True(outcomes.ContainsKey("accepted by both") && outcomes.ContainsKey("refused by both"), string.Join(", ", outcomes.Keys));
    }

    private static string Yaml(Sample s) => $"""
        account: "111111111111"
        region: us-east-1
        oidc:
          providers:
            - name: github
              preset: github
            - name: gitlab
              preset: gitlab
              issuer: https://gitlab.acme.example
        {(s.GenericProviderToo ? "    - name: corp\n      issuer: https://idp.acme.example\n      audiences: [edge]\n" : "")}  roles:
            - name: Role
              provider: {s.Provider}
              subjects: ["{s.Subject}"]
        {(s.OptIn ? "      allowOrgWideSubjects: true\n" : "")}
        """;

    private sealed record Sample(string Provider, string Subject, bool OptIn, bool GenericProviderToo, bool OwnForm);
}
