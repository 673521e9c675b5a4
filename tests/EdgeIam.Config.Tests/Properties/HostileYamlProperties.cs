using System.Text;
using CsCheck;
using EdgeIam.Config.Tests.Support;
using Xunit.Abstractions;

namespace EdgeIam.Config.Tests.Properties;

/// <summary>
/// No generated YAML (random mappings, lists, scalars, nulls, complex keys, anchors and aliases, deep nesting, broken
/// syntax) makes the loader throw: every input either loads or yields diagnostics with a position.
/// </summary>
public sealed class HostileYamlProperties(ITestOutputHelper output)
{
    public const int Iterations = 3000;

    private static readonly string[] Keys =
    [
        "account", "region", "tags", "permissions", "actions", "resources", "conditions", "StringEquals", "crossAccount",
        "oidc", "roles", "providers", "edgeFleets", "ingress", "rolesAnywhere", "profiles", "sessionPolicy", "network",
        "quotas", "aws:RequestedRegion", "name", "~", "\"\"", "<<", "x",
    ];

    private static readonly string[] Scalars =
        ["~", "null", "\"\"", "''", "us-east-1", "\"111111111111\"", "true", "0", "-1", "1e9", "\" padded \"", "s3:GetObject", "\"*\"", "arn:*", "!!str 5", "!Ref X", "|\n  block"];

    /// <summary>Where the generated value goes: a whole file, or one value of a valid stack file (deep in a statement).</summary>
    private static readonly string[] Templates =
    [
        "{0}",
        StackFiles.Minimal + "tags: {0}\n",
        StackFiles.Minimal + "crossAccount:\n  - name: P\n    trustedAccounts: [\"222222222222\"]\n    externalId: partner-9f2c\n    permissions:\n      - actions: [s3:GetObject]\n        resources: {0}\n",
        StackFiles.Minimal + "crossAccount:\n  - name: P\n    trustedAccounts: [\"222222222222\"]\n    externalId: partner-9f2c\n    permissions:\n      - actions: [s3:GetObject]\n        resources: [\"arn:aws:s3:::b/*\"]\n        conditions: {0}\n",
        StackFiles.Minimal + "crossAccount:\n  - name: P\n    trustedAccounts: [\"222222222222\"]\n    externalId: partner-9f2c\n    permissions:\n      - actions: [s3:GetObject]\n        resources: [\"arn:aws:s3:::b/*\"]\n        conditions:\n          StringEquals: {0}\n",
        StackFiles.Minimal + "crossAccount: {0}\n",
        StackFiles.Minimal + "quotas: {0}\n",
        StackFiles.Minimal + "oidc: {0}\n",
    ];

    [Fact]
    public void NoGeneratedYamlMakesTheLoaderThrow()
    {
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        Gen.Select(Gen.Int[0, Templates.Length - 1], Gen.Int, Gen.Int[0, 3]).Sample((template, seed, mode) =>
        {
            var value = mode == 3 ? Deep(seed) : Value(new Random(seed), 0, mode == 2);
            var yaml = string.Format(System.Globalization.CultureInfo.InvariantCulture, Templates[template], value);
            StackLoadResult result;
            try
            {
                result = StackFiles.Load(yaml);
            }
            catch (Exception ex)
            {
                Assert.Fail($"the loader threw {ex.GetType().Name}: {ex.Message}\n--- input ---\n{yaml}");
                return;
            }

            var errors = result.Diagnostics.Where(d => d.IsError).ToList();
            Assert.True(errors.Count > 0 || result.Stacks.Count == 1, "no stack and no error:\n" + yaml);
            Assert.All(errors, e => Assert.True(e.Message.Length > 0 && e.Fix.Length > 0, e.ToString()));
            var outcome = errors.Count == 0 ? "loaded" : Classify(errors[0].Message);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }, iter: Iterations, threads: 1);

        foreach (var (outcome, count) in outcomes)
        {
            output.WriteLine($"{count,6}  {outcome}");
        }

        Assert.Equal(Iterations, outcomes.Values.Sum());
        Assert.True(outcomes.Count > 3, "the generator explored too few outcome classes: " + string.Join(", ", outcomes.Keys));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void NoValueReplacedInAShippedStackFileMakesTheLoaderThrow(string stack)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Stacks, stack + ".yaml"));
        var values = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(": ", StringComparison.Ordinal) && !lines[i].TrimStart().StartsWith('#')).ToArray();
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        Gen.Select(Gen.Int[0, values.Length - 1], Gen.Int, Gen.Int[0, 3]).Sample((line, seed, mode) =>
        {
            var edited = (string[])lines.Clone();
            var at = values[line];
            var cut = edited[at].IndexOf(": ", StringComparison.Ordinal) + 2;
            edited[at] = edited[at][..cut] + (mode == 3 ? Deep(seed) : Value(new Random(seed), 0, mode == 2));
            var yaml = string.Join("\n", edited);
            StackLoadResult result;
            try
            {
                result = StackFiles.Load(yaml);
            }
            catch (Exception ex)
            {
                Assert.Fail($"the loader threw {ex}\n--- line {at + 1} ---\n{edited[at]}");
                return;
            }

            var errors = result.Diagnostics.Where(d => d.IsError).ToList();
            Assert.True(errors.Count > 0 || result.Stacks.Count == 1, "no stack and no error at line " + (at + 1));
            var outcome = errors.Count == 0 ? "loaded" : Classify(errors[0].Message);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }, iter: Iterations, threads: 1);

        foreach (var (outcome, count) in outcomes)
        {
            output.WriteLine($"{count,6}  {outcome}");
        }

        Assert.Equal(Iterations, outcomes.Values.Sum());
    }

    [Fact]
    public void OneHundredThousandNestedListsAreAConfigErrorNotAStackOverflow()
    {
        var yaml = StackFiles.Minimal + "tags:\n  Owner: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var error = StackFiles.SingleError(yaml);
        Assert.Equal("the YAML nests lists and mappings more than 64 levels deep", error.Message);
        Assert.Equal((4, 72), (error.Line, error.Column));
    }

    [Fact]
    public void OneHundredThousandNestedMappingsAreAConfigErrorNotAStackOverflow()
    {
        var yaml = StackFiles.Minimal + "tags:\n  Owner: " + string.Concat(Enumerable.Repeat("{a: ", 100_000)) + "b" + new string('}', 100_000) + "\n";
        var error = StackFiles.SingleError(yaml);
        Assert.Contains("more than 64 levels deep", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.Line);
    }

    private static string Classify(string message) => message switch
    {
        _ when message.StartsWith("YAML syntax error", StringComparison.Ordinal) => "YAML syntax error",
        _ when message.StartsWith("the YAML is malformed", StringComparison.Ordinal) => "YAML parser fault (not a YamlException)",
        _ when message.Contains("levels deep", StringComparison.Ordinal) => "nesting too deep",
        _ when message.Contains("a key must be a plain string", StringComparison.Ordinal) => "complex key",
        _ when message.Contains("a key is empty or null", StringComparison.Ordinal) => "null or empty key",
        _ when message.Contains("(a cycle)", StringComparison.Ordinal) => "alias cycle",
        _ when message.StartsWith("unknown key", StringComparison.Ordinal) => "unknown key",
        _ when message.Contains("has no value", StringComparison.Ordinal) => "null value",
        _ when message.Contains("empty", StringComparison.Ordinal) => "empty list, mapping or string",
        _ when message.StartsWith("expected", StringComparison.Ordinal) => "wrong type",
        _ when message.Contains("whitespace", StringComparison.Ordinal) => "edge whitespace",
        _ => "other rule",
    };

    /// <summary>A random YAML value in flow style; <paramref name="broken"/> sometimes damages the syntax.</summary>
    private static string Value(Random random, int depth, bool broken)
    {
        var pick = depth > 4 ? 0 : random.Next(8);
        var text = pick switch
        {
            1 or 2 => "[" + string.Join(", ", Enumerable.Range(0, random.Next(4)).Select(_ => Value(random, depth + 1, broken))) + "]",
            3 or 4 => "{" + string.Join(", ", Enumerable.Range(0, random.Next(4)).Select(i => Key(random, depth, broken) + ": " + Value(random, depth + 1, broken))) + "}",
            5 => "&a" + depth + " " + Value(random, depth + 1, broken),
            6 => "*a" + random.Next(depth + 1),
            _ => Scalars[random.Next(Scalars.Length)].Replace("\n", " ", StringComparison.Ordinal),
        };
        return broken && random.Next(10) == 0 ? text[..random.Next(text.Length + 1)] : text;
    }

    private static string Key(Random random, int depth, bool broken)
    {
        if (random.Next(6) == 0)
        {
            return "? " + Value(random, depth + 1, broken);
        }

        var key = Keys[random.Next(Keys.Length)];
        return key.Contains(':', StringComparison.Ordinal) ? "\"" + key + "\"" : key;
    }

    private static string Deep(int seed)
    {
        var depth = 50 + (Math.Abs(seed % 5000));
        var open = new StringBuilder();
        var close = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            var list = ((seed >> (i % 30)) & 1) == 0;
            open.Append(list ? "[" : "{k: ");
            close.Insert(0, list ? "]" : "}");
        }

        return open + "x" + close;
    }
}
