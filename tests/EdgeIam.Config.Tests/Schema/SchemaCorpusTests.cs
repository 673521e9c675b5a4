namespace EdgeIam.Config.Tests.Schema;

/// <summary>
/// Runs the JSON Schema (as an editor applies it) and the loader over every file of <see cref="StackCorpus"/>: both
/// must accept the valid files and refuse the invalid ones, except where <see cref="SchemaLimits"/> says why not.
/// </summary>
public sealed class SchemaCorpusTests
{
    public static TheoryData<string> Agreed() => Names(c => c.LoaderOnly is null);

    public static TheoryData<string> LoaderOnly() => Names(c => c.LoaderOnly is not null);

    [Theory]
    [MemberData(nameof(Agreed))]
    public void SchemaAndLoaderGiveTheSameVerdict(string name)
    {
        var corpusCase = Find(name);
        var loader = LoaderVerdict.Errors(name, corpusCase.Yaml);
        var schema = SchemaErrors(corpusCase);
        Assert.True(corpusCase.Valid == (loader.Count == 0), Describe("loader", corpusCase, loader));
        Assert.True(corpusCase.Valid == (schema.Count == 0), Describe("schema", corpusCase, schema));
    }

    [Theory]
    [MemberData(nameof(LoaderOnly))]
    public void LoaderOnlyRulesAreRefusedByTheLoaderAlone(string name)
    {
        var corpusCase = Find(name);
        var loader = LoaderVerdict.Errors(name, corpusCase.Yaml);
        Assert.True(loader.Count > 0, $"{name}: the loader accepts it, so it is no example of loader-only rule '{corpusCase.LoaderOnly}'");
        Assert.DoesNotContain(loader, e => e.StartsWith("loader threw", StringComparison.Ordinal));
        var schema = SchemaErrors(corpusCase);
        Assert.True(schema.Count == 0,
            $"{name}: the schema refuses it now; drop '{corpusCase.LoaderOnly}' from this case.\n" + string.Join("\n", schema));
    }

    [Fact]
    public void CorpusIsLargeNamedAndEveryExceptionIsListedOnce()
    {
        var all = StackCorpus.All;
        Assert.True(all.Count >= 60, $"only {all.Count} corpus files");
        Assert.Equal(all.Count, all.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, c => Assert.Matches("^[A-Za-z0-9][A-Za-z0-9-]*$", c.Name));
        Assert.All(all.Where(c => c.LoaderOnly is not null), c => Assert.Contains(c.LoaderOnly!, SchemaLimits.LoaderOnlyRules.Keys));
        Assert.All(all.Where(c => c.Valid), c => Assert.True(c.LoaderOnly is null, c.Name));

        // Every listed limit is shown by at least one file, so the list cannot hold a rule nobody checked.
        Assert.All(SchemaLimits.LoaderOnlyRules.Keys, rule => Assert.Contains(all, c => c.LoaderOnly == rule));
    }

    /// <summary>
    /// Every constraint keyword the schema uses refuses at least one invalid corpus file, so no keyword (a pattern,
    /// a range, propertyNames, a forbidden key) is left without a file that shows it works.
    /// </summary>
    [Fact]
    public void EveryConstraintKeywordOfTheSchemaRefusesSomeCorpusFile()
    {
        var used = SchemaStructureTests.KeywordsInUse().Except(NotConstraints, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var failing = StackCorpus.All.Where(c => !c.Valid && c.LoaderOnly is null)
            .Select(c => YamlToJson.Convert(c.Yaml, out var problem) is { } json && problem is null ? StackSchema.Instance.FailingKeywords(json) : new HashSet<string>())
            .SelectMany(k => k).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(used.Except(failing, StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    /// <summary>Keywords that only annotate, structure or combine; the constraints they hold are counted themselves.</summary>
    private static readonly string[] NotConstraints =
        ["$schema", "$id", "$ref", "$comment", "title", "description", "definitions", "properties", "items", "allOf", "anyOf", "if", "then", "else"];

    private static IReadOnlyList<string> SchemaErrors(CorpusCase corpusCase)
    {
        var json = YamlToJson.Convert(corpusCase.Yaml, out var problem);
        return problem is not null ? [problem] : StackSchema.Instance.Errors(json);
    }

    private static CorpusCase Find(string name) => StackCorpus.All.Single(c => c.Name == name);

    private static TheoryData<string> Names(Func<CorpusCase, bool> which)
    {
        var data = new TheoryData<string>();
        foreach (var c in StackCorpus.All.Where(which))
        {
            data.Add(c.Name);
        }

        return data;
    }

    private static string Describe(string who, CorpusCase corpusCase, IReadOnlyList<string> errors) =>
        $"{corpusCase.Name}: expected the {who} to {(corpusCase.Valid ? "accept" : "refuse")} it; {who} said:\n" +
        (errors.Count == 0 ? "(no errors)" : string.Join("\n", errors));
}
