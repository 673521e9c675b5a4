using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Schema;

/// <summary>The schema files are sound on their own: references resolve, identifiers match, patterns work in editors.</summary>
public sealed partial class SchemaStructureTests
{
    private static readonly string Directory = Path.GetDirectoryName(RepositoryPaths.Schema)!;

    private static IReadOnlyList<string> Files { get; } =
        [.. System.IO.Directory.GetFiles(Directory, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> SchemaFiles() => [.. Files];

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void IdentifiesItselfByItsFileNameAsDraft07(string file)
    {
        var json = Load(file);
        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)json["$schema"]);
        Assert.Equal("https://edgeiam.dev/schema/" + file, (string?)json["$id"]);
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void EveryReferenceResolvesToAFileAndAnEntryOfIt(string file)
    {
        var references = Collect(Load(file), "$ref").Select(n => (string)n!).ToList();
        Assert.All(references, reference =>
        {
            var hash = reference.IndexOf('#', StringComparison.Ordinal);
            var target = hash == 0 ? file : reference[..(hash < 0 ? reference.Length : hash)];
            Assert.StartsWith(hash == 0 ? file : "./", hash == 0 ? file : target, StringComparison.Ordinal);
            var path = Path.GetFullPath(Path.Combine(Directory, target));
            Assert.True(File.Exists(path), $"{file}: {reference} names a file that does not exist");
            JsonNode? node = JsonNode.Parse(File.ReadAllText(path));
            foreach (var segment in (hash < 0 ? "" : reference[(hash + 1)..]).Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                node = node?[segment];
            }

            Assert.True(node is JsonObject, $"{file}: {reference} does not resolve to a schema");
        });
    }

    [Fact]
    public void EveryDefinitionIsUsed()
    {
        var references = Files.SelectMany(f => Collect(Load(f), "$ref").Select(n => Resolve(f, (string)n!))).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Files)
        {
            foreach (var name in Load(file)["definitions"]?.AsObject().Select(d => d.Key) ?? [])
            {
                Assert.Contains(file + "#/definitions/" + name, references);
            }
        }
    }

    /// <summary>
    /// yaml-language-server compiles every pattern as a JavaScript RegExp with the u flag (falling back to no flag,
    /// where <c>\p{L}</c> means something else), and JsonSchema.Net as a .NET Regex: a pattern must mean the same in
    /// both. In u mode an escape is only allowed before a syntax character, <c>/</c>, <c>-</c> or a class letter.
    /// https://tc39.es/ecma262/#prod-IdentityEscape
    /// </summary>
    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void EveryPatternIsValidInUnicodeModeJavaScriptAndDotNet(string file)
    {
        var patterns = Collect(Load(file), "pattern").Select(n => (string)n!).ToList();
        Assert.NotEmpty(patterns);
        Assert.All(patterns, pattern =>
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            foreach (Match escape in EscapePattern().Matches(pattern))
            {
                Assert.True(AllowedEscape(escape.Groups[1].Value[0]), $"{file}: '\\{escape.Groups[1].Value}' in {pattern} is not an escape JavaScript allows in u mode");
            }

            Assert.DoesNotContain("(?<", pattern, StringComparison.Ordinal); // no lookbehind or .NET-style named groups
            Assert.DoesNotContain("(?i", pattern, StringComparison.Ordinal); // no inline flags: JavaScript has none
        });
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void StackFilesNameTheSchemaOnTheirFirstLine(string stack)
    {
        var first = File.ReadLines(Path.Combine(RepositoryPaths.Stacks, stack + ".yaml")).First();
        Assert.Equal("# yaml-language-server: $schema=./schema/edgeiam-stack.schema.json", first);
        Assert.True(File.Exists(RepositoryPaths.Schema));
    }

    /// <summary>Every keyword used anywhere in the schema files (keys of schema objects, not property names).</summary>
    internal static IReadOnlySet<string> KeywordsInUse()
    {
        var keywords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Files)
        {
            AddKeywords(Load(file), keywords);
        }

        return keywords;
    }

    private static void AddKeywords(JsonNode? node, HashSet<string> keywords, bool names = false)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (!names)
                    {
                        keywords.Add(key);
                    }

                    if (key is "enum" or "const" or "required")
                    {
                        continue;
                    }

                    AddKeywords(value, keywords, names: !names && key is "properties" or "definitions");
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    AddKeywords(item, keywords);
                }

                break;
        }
    }

    private static bool AllowedEscape(char c) => "^$\\.*+?()[]{}|/-".Contains(c, StringComparison.Ordinal) || "dDwWsSbBnrtfv0cxupPk".Contains(c, StringComparison.Ordinal) || char.IsAsciiDigit(c);

    private static string Resolve(string file, string reference)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var target = hash == 0 ? file : Path.GetFileName(reference[..(hash < 0 ? reference.Length : hash)]);
        return target + (hash < 0 ? "" : reference[hash..]);
    }

    private static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, file)))!.AsObject();

    /// <summary>Every value of keyword <paramref name="name"/> anywhere in the schema (not under "properties", where it is a key name).</summary>
    private static IEnumerable<JsonNode?> Collect(JsonNode? node, string name, bool propertyNames = false)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == name && !propertyNames && value is JsonValue)
                    {
                        yield return value;
                    }

                    foreach (var inner in Collect(value, name, propertyNames: key == "properties" && !propertyNames))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var inner in Collect(item, name))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    [GeneratedRegex(@"\\(.)", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex EscapePattern();
}
