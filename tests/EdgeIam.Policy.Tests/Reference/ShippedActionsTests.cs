using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Reference;

/// <summary>
/// Every action the repository ships, in the stack files and in the test fixtures (policy Action/NotAction values and
/// the actions evaluation cases request), is one AWS documents: a typo in a fixture would make its test prove nothing.
/// </summary>
public sealed partial class ShippedActionsTests
{
    private static readonly string RepositoryRoot = FixturePaths.Source("..", "..");

    [Fact]
    public void Every_action_in_the_shipped_stack_files_is_documented()
    {
        var found = Directory.GetFiles(Path.Combine(RepositoryRoot, "stacks"), "*.yaml")
            .SelectMany(file => YamlActions(file).Select(a => (File: file, Action: a)))
            .ToList();

        Assert.Contains(found, f => f.File.EndsWith("dev.yaml", StringComparison.Ordinal));
        Assert.Contains(found, f => f.File.EndsWith("prod.yaml", StringComparison.Ordinal));
        Assert.True(found.Count >= 20, $"only {found.Count} actions found: the scan no longer reads the stack files");
        AssertAllKnown(found);
    }

    [Fact]
    public void Every_action_in_the_test_fixtures_is_documented()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot, "tests"), "*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith("packages.lock.json", StringComparison.Ordinal)
                // This rule's own fixture misspells an action on purpose.
                && !f.EndsWith("EIAM-PERM-003.json", StringComparison.Ordinal)
                // Golden reports are outputs: the effective access they list expands AWS managed policies, which
                // still name actions of services AWS has retired (deepcomposer, iot1click), kept as written.
                && !f.Contains($"{Path.DirectorySeparatorChar}Golden{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var found = files.SelectMany(file => JsonActions(JsonNode.Parse(File.ReadAllText(file))).Select(a => (File: file, Action: a))).ToList();

        Assert.True(found.Count >= 50, $"only {found.Count} actions found in {files.Count} files");
        AssertAllKnown(found);
    }

    [Fact]
    public void The_yaml_scan_reads_flow_and_block_lists()
    {
        var file = Path.Combine(Path.GetTempPath(), $"edgeiam-actions-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, """
            permissions:
              - actions: [s3:GetObject, "s3:PutObject"]  # comment
              - actions:
                  - 'kinesis:PutRecord'
                  - sqs:SendMessage
                resources: ["*"]
            """);
        try
        {
            Assert.Equal(["s3:GetObject", "s3:PutObject", "kinesis:PutRecord", "sqs:SendMessage"], YamlActions(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void AssertAllKnown(IEnumerable<(string File, string Action)> found)
    {
        var unknown = found
            .Select(f => (f.File, f.Action, Check: ServiceAuthorization.Check(f.Action)))
            .Where(f => !f.Check.IsKnown)
            .Select(f => $"{Path.GetRelativePath(RepositoryRoot, f.File)}: {f.Check.Message}")
            .Distinct()
            .ToList();
        Assert.True(unknown.Count == 0, string.Join(Environment.NewLine, unknown));
    }

    /// <summary>The values of every <c>actions:</c> key, as a flow list on the same line or a block list below it.</summary>
    private static List<string> YamlActions(string file)
    {
        var result = new List<string>();
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            var key = ActionsKey().Match(lines[i]);
            if (!key.Success)
            {
                continue;
            }

            var rest = StripComment(key.Groups["rest"].Value).Trim();
            if (rest.StartsWith('[') && rest.EndsWith(']'))
            {
                result.AddRange(rest[1..^1].Split(',').Select(Unquote).Where(v => v.Length > 0));
                continue;
            }

            Assert.True(rest.Length == 0, $"{file}:{i + 1}: cannot read `actions: {rest}`");
            var indent = key.Groups["indent"].Length;
            for (var j = i + 1; j < lines.Length; j++)
            {
                var item = BlockItem().Match(lines[j]);
                if (!item.Success || item.Groups["indent"].Length <= indent)
                {
                    break;
                }

                result.Add(Unquote(StripComment(item.Groups["value"].Value)));
            }
        }

        return result;
    }

    /// <summary>Action/NotAction values of every policy statement, and the <c>action</c> of every evaluation case.</summary>
    private static IEnumerable<string> JsonActions(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name is "Action" or "NotAction" or "action")
                    {
                        foreach (var text in Strings(value))
                        {
                            yield return text;
                        }
                    }

                    foreach (var nested in JsonActions(value))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonArray array:
                foreach (var nested in array.SelectMany(JsonActions))
                {
                    yield return nested;
                }

                break;
        }
    }

    private static IEnumerable<string> Strings(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonArray a => a.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>(),
        _ => [],
    };

    private static string StripComment(string text)
    {
        var hash = text.IndexOf(" #", StringComparison.Ordinal);
        return hash < 0 ? text : text[..hash];
    }

    private static string Unquote(string value) => value.Trim().Trim('"', '\'');

    [GeneratedRegex(@"^(?<indent>\s*(?:-\s+)?)actions:(?<rest>.*)$")]
    private static partial Regex ActionsKey();

    [GeneratedRegex(@"^(?<indent>\s*)-\s+(?<value>.+)$")]
    private static partial Regex BlockItem();
}
