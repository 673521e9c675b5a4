using System.Text.RegularExpressions;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Schema;

/// <summary>The JSON Schema editors use and the loader must accept exactly the same keys in the same places.</summary>
public sealed class SchemaAgreementTests
{
    [Fact]
    public void SchemaDeclaresExactlyTheKeysTheLoaderAccepts()
    {
        var walker = new SchemaWalker(RepositoryPaths.Schema);
        walker.Walk();

        var loader = ConfigVocabulary.All.ToDictionary(k => k.SchemaPath, k => new SortedSet<string>(k.Keys, StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var path in loader.Keys.Union(walker.Mappings.Keys).Order(StringComparer.Ordinal))
        {
            var inSchema = walker.Mappings.GetValueOrDefault(path) ?? [];
            var inLoader = loader.GetValueOrDefault(path) ?? [];
            Assert.True(inSchema.SetEquals(inLoader),
                $"keys at '{path}' differ: schema has [{string.Join(", ", inSchema)}], loader has [{string.Join(", ", inLoader)}]");
        }
    }

    [Fact]
    public void EverySchemaMappingIsClosedAndEveryKeyDescribed()
    {
        var walker = new SchemaWalker(RepositoryPaths.Schema);
        walker.Walk();
        Assert.Empty(walker.Problems);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void ShippedStackFilesPointEditorsAtTheSchema(string stack)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Stacks, stack + ".yaml"));
        var header = Regex.Match(text, @"^# yaml-language-server: \$schema=(\S+)$", RegexOptions.Multiline);
        Assert.True(header.Success, $"{stack}.yaml lacks the yaml-language-server $schema header");
        var target = Path.GetFullPath(Path.Combine(RepositoryPaths.Stacks, header.Groups[1].Value));
        Assert.Equal(Path.GetFullPath(RepositoryPaths.Schema), target);
    }
}
