using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EdgeIam.Config.Reading;

/// <summary>
/// Reads the YAML event stream once, before the document is built, and stops at the first shape the loader must not
/// build: nesting deeper than <see cref="MaxDepth"/> (building or walking <c>[[[[…</c> 100,000 deep recursively would
/// overflow the stack, which no handler can catch), an alias to a node that contains it (a cycle), or an explicit
/// tag such as <c>!Ref</c> or <c>!!binary</c> (the document model keeps only the text, so the tag would vanish). YamlDotNet's
/// event parser keeps its own state stack, so this pass is not recursive either.
/// </summary>
internal static class YamlShapeGuard
{
    /// <summary>Deepest nesting of mappings and lists accepted. A stack file needs about 8; 64 leaves room and stays far
    /// below what a recursive walk can survive.</summary>
    public const int MaxDepth = 64;

    /// <summary>Explicit tags that do not change what the text means to the loader (a string, number or boolean is read as its text).</summary>
    private static readonly string[] AcceptedTags =
        ["tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:float", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "!"];

    /// <summary>Exceptions the YAML library throws for bad input besides <see cref="YamlException"/>.</summary>
    internal static bool IsParserFault(Exception ex) =>
        ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException;

    private static string ShortTag(string tag) => tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? "!!" + tag["tag:yaml.org,2002:".Length..] : tag;

    /// <summary>The first problem as (line, column, message, fix), or null when the stream is acceptable.</summary>
    /// <exception cref="YamlException">The text is not YAML (reported by the caller as a syntax error).</exception>
    public static (int Line, int Column, string Message, string Fix)? Check(string text)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<string?>();
        var last = Mark.Empty;
        while (true)
        {
            try
            {
                if (!parser.MoveNext())
                {
                    break;
                }
            }
            catch (Exception ex) when (IsParserFault(ex))
            {
                // YamlDotNet's scanner throws more than YamlException on some malformed input (seen: an
                // InvalidOperationException in ScanPlainScalar for a broken flow collection); the input is at fault.
                return ((int)last.Line, (int)last.Column, "the YAML is malformed after this position (the parser failed: " + ex.Message + ")",
                    "fix the YAML after this position (check brackets, quotes and indentation).");
            }

            last = parser.Current!.End;
            if (parser.Current is NodeEvent { Tag.IsEmpty: false } tagged && !AcceptedTags.Contains(tagged.Tag.Value, StringComparer.Ordinal))
            {
                return ((int)tagged.Start.Line, (int)tagged.Start.Column,
                    $"the YAML tag {ShortTag(tagged.Tag.Value)} is not supported: the loader would drop it and keep only the text (stack files are plain YAML; CloudFormation functions such as !Ref are not evaluated)",
                    "remove the tag and write the literal value (an ARN, a name, a number).");
            }

            switch (parser.Current)
            {
                case NodeEvent { } node and (SequenceStart or MappingStart):
                    if (open.Count >= MaxDepth)
                    {
                        return ((int)node.Start.Line, (int)node.Start.Column, string.Create(CultureInfo.InvariantCulture,
                            $"the YAML nests lists and mappings more than {MaxDepth} levels deep"),
                            "flatten the YAML at this position; a stack file needs fewer than ten levels.");
                    }

                    open.Push(node.Anchor.IsEmpty ? null : node.Anchor.Value);
                    break;
                case SequenceEnd or MappingEnd:
                    open.Pop();
                    break;
                case AnchorAlias alias when open.Contains(alias.Value.Value):
                    return ((int)alias.Start.Line, (int)alias.Start.Column,
                        $"the alias *{alias.Value.Value} refers to a node that contains it (a cycle)",
                        "replace the alias with the values it should repeat.");
            }
        }

        return null;
    }
}
