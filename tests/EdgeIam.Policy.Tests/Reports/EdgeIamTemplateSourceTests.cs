using EdgeIam.Policy.Reports;

namespace EdgeIam.Policy.Tests.Reports;

/// <summary>Which stack file a template came from, and where its resources' names are in it.</summary>
public sealed class EdgeIamTemplateSourceTests
{
    private const string Yaml = "oidc:\n  roles:\n    - name: GitHubDeployProd\n";

    private static string Template(string description, string justification) => """
        {"Description": DESCRIPTION,
         "Resources": {"Role1": {"Type": "AWS::IAM::Role", "Metadata": {"edgeiam:role": "GitHubDeployProd",
           "edgeiam:justifications": {"WebIdentitySubjectPatterns": JUSTIFICATION}}},
           "Other": {"Type": "AWS::IAM::Role"}}}
        """.Replace("DESCRIPTION", System.Text.Json.JsonSerializer.Serialize(description), StringComparison.Ordinal)
        .Replace("JUSTIFICATION", System.Text.Json.JsonSerializer.Serialize(justification), StringComparison.Ordinal);

    [Fact]
    public void The_stack_file_named_in_a_justification_is_read_even_outside_the_repository()
    {
        using var folder = EdgeIam.Tests.Shared.TempFolder.Create("edgeiam source ");
        var stacks = Directory.CreateDirectory(Path.Combine(folder.Path, "my stacks")).FullName;
        File.WriteAllText(Path.Combine(stacks, "prod.yaml"), "# moved\n" + Yaml);
        var template = Path.Combine(folder.Path, "EdgeIam-prod.template.json");
        File.WriteAllText(template, Template("EdgeIam prod: (managed by EdgeIam; edit stacks/prod.yaml, not this stack).", $"allowOrgWideSubjects: true at oidc.roles[0] in {Path.Combine(stacks, "prod.yaml")}"));
        using var elsewhere = EdgeIam.Tests.Shared.TempFolder.Create("edgeiam-cwd-");
        var paths = new SarifPaths(null, elsewhere.Path);
        var source = EdgeIamTemplateSource.Read(template, paths);

        Assert.Equal(new StackFileLine(Path.Combine(stacks, "prod.yaml"), 4, 13), source.LineOf("Role1"));
        Assert.Equal(new SarifArtifact(SarifPaths.Stacks, "prod.yaml"), paths.Artifact(source.LineOf("Role1")!.Value.File, SarifPaths.Stacks));
        Assert.Equal("GitHubDeployProd", source.NameOf("Role1"));
        Assert.Null(source.LineOf("Other"));
        Assert.Null(source.LineOf("Missing"));
    }

    [Fact]
    public void The_description_hint_is_resolved_against_the_repository_root()
    {
        using var repo = EdgeIam.Tests.Shared.TempFolder.Create("edgeiam-repo-");
        File.WriteAllText(Path.Combine(repo.Path, "EdgeIam.sln"), string.Empty);
        Directory.CreateDirectory(Path.Combine(repo.Path, "stacks"));
        File.WriteAllText(Path.Combine(repo.Path, "stacks", "prod.yaml"), Yaml);
        using var assembly = EdgeIam.Tests.Shared.TempFolder.Create("edgeiam-out-");
        var template = Path.Combine(assembly.Path, "t.json");
        File.WriteAllText(template, Template("EdgeIam prod: (managed by EdgeIam; edit stacks/prod.yaml, not this stack).", "no path here"));
        var nested = Directory.CreateDirectory(Path.Combine(repo.Path, "infra", "x")).FullName;
        var paths = new SarifPaths(SarifPaths.FindRepositoryRoot(nested), nested);

        var line = EdgeIamTemplateSource.Read(template, paths).LineOf("Role1");
        Assert.Equal(3, line?.Line);
        Assert.Equal(new SarifArtifact(SarifPaths.SourceRoot, "stacks/prod.yaml"), paths.Artifact(line!.Value.File, SarifPaths.Stacks));
    }

    [Theory]
    [InlineData("A template someone else wrote")]
    [InlineData("EdgeIam prod: (managed by EdgeIam; edit stacks/absent.yaml, not this stack).")]
    public void A_template_without_a_readable_stack_file_locates_nothing(string description)
    {
        using var folder = EdgeIam.Tests.Shared.TempFolder.Create("edgeiam-foreign-");
        var template = Path.Combine(folder.Path, "t.json");
        File.WriteAllText(template, Template(description, "no path"));
        Assert.Null(EdgeIamTemplateSource.Read(template, new SarifPaths(folder.Path, folder.Path)).LineOf("Role1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1, 2]")]
    [InlineData("{\"Resources\": []}")]
    [InlineData("{\"Resources\": {\"Role1\": {\"Metadata\": {\"edgeiam:role\": 7}}}, \"Description\": null}")]
    [InlineData("not json")]
    public void Hostile_templates_locate_nothing_and_do_not_throw(string text)
    {
        using var folder = EdgeIam.Tests.Shared.TempFolder.Create("edgeiam-hostile-");
        var template = Path.Combine(folder.Path, "t.json");
        File.WriteAllText(template, text);
        var source = EdgeIamTemplateSource.Read(template, new SarifPaths(folder.Path, folder.Path));
        Assert.Null(source.LineOf("Role1"));
        Assert.Null(EdgeIamTemplateSource.Read(Path.Combine(folder.Path, "missing.json"), new SarifPaths(null, folder.Path)).LineOf("Role1"));
    }
}
