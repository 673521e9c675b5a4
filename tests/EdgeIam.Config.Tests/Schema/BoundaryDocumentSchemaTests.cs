using EdgeIam.Tests.Shared;

namespace EdgeIam.Config.Tests.Schema;

/// <summary>
/// <c>permissionsBoundaryDocument</c> in the JSON Schema: a non-empty path that needs a customer managed
/// <c>permissionsBoundary</c> (draft-07 <c>dependencies</c>); the file itself only the loader can check. The agreement
/// corpus holds the files both refuse (no boundary, an AWS managed one); these cases run the schema and the loader.
/// </summary>
public sealed class BoundaryDocumentSchemaTests
{
    // prod.yaml without its own boundary document, so each case adds the one it tests.
    private static readonly string Prod = string.Join('\n', File.ReadAllText(Path.Combine(RepositoryPaths.Stacks, "prod.yaml")).Split('\n')
        .Where(l => !l.StartsWith("permissionsBoundaryDocument:", StringComparison.Ordinal)));

    private const string ProdBoundary = "permissionsBoundary: arn:aws:iam::111111111111:policy/EdgeIamBoundary\n";

    private static IReadOnlyList<string> SchemaErrors(string yaml) =>
        StackSchema.Instance.Errors(YamlToJson.Convert(yaml, out var problem) ?? throw new InvalidOperationException(problem));

    [Fact]
    public void A_document_next_to_a_customer_managed_boundary_is_valid_for_the_schema()
    {
        var yaml = Prod.Replace(ProdBoundary, ProdBoundary + "permissionsBoundaryDocument: boundaries/edge.json\n", StringComparison.Ordinal);

        Assert.Empty(SchemaErrors(yaml));

        // The loader alone checks the file: here it does not exist.
        Assert.Contains(LoaderVerdict.Errors("boundary-document-missing", yaml), e => e.Contains("boundary document 'boundaries/edge.json' does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_path_is_refused_by_both()
    {
        var yaml = Prod.Replace(ProdBoundary, ProdBoundary + "permissionsBoundaryDocument: \"\"\n", StringComparison.Ordinal);

        Assert.NotEmpty(SchemaErrors(yaml));
        Assert.NotEmpty(LoaderVerdict.Errors("boundary-document-empty", yaml));
    }
}
