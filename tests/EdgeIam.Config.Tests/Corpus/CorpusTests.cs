using System.Globalization;
using System.Text.RegularExpressions;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Corpus;

/// <summary>
/// Every stack file in this folder is a form the loader must refuse. Its <c># expect: LINE:COL PATH :: TEXT</c> lines
/// (PATH <c>(root)</c> for the whole file) are the errors it must produce: exactly these, no more, each at its
/// position, with its key path and a message containing TEXT. The YAML comment lines count as lines of the file.
/// </summary>
public sealed partial class CorpusTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "EdgeIam.Config.Tests", "Corpus");

    public static TheoryData<string> Files() => [.. Directory.GetFiles(Folder, "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void RefusedWithTheExpectedLocationsAndMessages(string file)
    {
        var text = File.ReadAllText(Path.Combine(Folder, file));
        var expected = ExpectLine().Matches(text).Select(m => (
            Line: int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture),
            Column: int.Parse(m.Groups["col"].Value, CultureInfo.InvariantCulture),
            Path: m.Groups["path"].Value == "(root)" ? "" : m.Groups["path"].Value,
            Text: m.Groups["text"].Value.Trim())).ToList();
        Assert.NotEmpty(expected);

        var result = StackFiles.Load(text);
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        var all = string.Join("\n", result.Diagnostics);
        Assert.True(errors.Count == expected.Count, $"{file}: expected {expected.Count} error(s), got:\n{all}");
        Assert.Empty(result.Stacks);
        foreach (var want in expected)
        {
            Assert.True(errors.Any(e => e.Line == want.Line && e.Column == want.Column && e.KeyPath == want.Path &&
                    e.Message.Contains(want.Text, StringComparison.Ordinal) && e.Fix.Length > 0),
                $"{file}: no error {want.Line}:{want.Column} {want.Path} '{want.Text}'; got:\n{all}");
        }
    }

    [GeneratedRegex(@"^# expect: (?<line>\d+):(?<col>\d+) (?<path>\S+) :: (?<text>.+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ExpectLine();
}
