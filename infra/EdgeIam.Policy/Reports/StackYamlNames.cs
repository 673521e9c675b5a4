using System.Text.RegularExpressions;
using EdgeIam.Shared;

namespace EdgeIam.Policy.Reports;

/// <summary>
/// The <c>name:</c> lines of a stack file with the section each lies in (e.g. <c>oidc.roles</c>), read as text so the
/// line and column are the ones the user sees. A name is located only when exactly one entry of the expected
/// section (or, failing that, of the whole file) carries it: an ambiguous name locates nothing rather than the wrong line.
/// </summary>
internal sealed partial class StackYamlNames
{
    private readonly string _file;
    private readonly List<(string Section, string Name, int Line, int Column)> _entries;

    private StackYamlNames(string file, List<(string Section, string Name, int Line, int Column)> entries)
    {
        _file = file;
        _entries = entries;
    }

    public static StackYamlNames? ForFile(string file)
    {
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(InputFile.ReadAllBytes(file, InputFileLimit.StackInput));
            return Parse(file, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    internal static StackYamlNames Parse(string file, string text)
    {
        var entries = new List<(string Section, string Name, int Line, int Column)>();
        var keys = new Stack<(int Indent, string Key)>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = KeyLine().Match(lines[i].TrimEnd('\r'));
            if (!match.Success)
            {
                continue;
            }

            var key = match.Groups["key"];
            while (keys.Count > 0 && keys.Peek().Indent >= key.Index)
            {
                keys.Pop();
            }

            if (key.Value == "name" && match.Groups["value"].Success)
            {
                var section = string.Join('.', keys.Reverse().Select(k => k.Key));
                entries.Add((section, match.Groups["value"].Value, i + 1, match.Groups["value"].Index + 1));
            }

            keys.Push((key.Index, key.Value));
        }

        return new StackYamlNames(file, entries);
    }

    public StackFileLine? LineOf(string name, IReadOnlyCollection<string> sections)
    {
        var named = _entries.Where(e => e.Name == name).ToList();
        var inSection = named.Where(e => sections.Contains(e.Section)).ToList();
        var only = inSection.Count == 1 ? inSection[0] : inSection.Count == 0 && named.Count == 1 ? named[0] : default;
        return only.Line > 0 ? new StackFileLine(_file, only.Line, only.Column) : null;
    }

    /// <summary><c>key:</c>, <c>- key:</c>, optionally with a plain or quoted scalar value and a comment.</summary>
    [GeneratedRegex("""^\s*(?:-\s+)*(?<key>[A-Za-z_][A-Za-z0-9_-]*):(?:\s+(?:"(?<value>[^"\\]*)"|'(?<value>[^']*)'|(?<value>[^\s#"'][^#]*?)))?\s*(?:#.*)?$""", RegexOptions.CultureInvariant)]
    private static partial Regex KeyLine();
}
