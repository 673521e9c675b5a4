using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EdgeIam.Config.Reading;

/// <summary>
/// Reads the YAML event stream once, before the document is built, and stops at the first shape the loader must not
/// build: nesting deeper than <see cref="MaxDepth"/> (building or walking <c>[[[[…</c> 100,000 deep recursively would
/// overflow the stack, which no handler can catch) or an alias to a node that contains it (a cycle). YamlDotNet's
/// event parser keeps its own state stack, so this pass is not recursive either.
/// </summary>
internal static class YamlShapeGuard
{
    /// <summary>Deepest nesting of mappings and lists accepted. A stack file needs about 8; 64 leaves room and stays far
    /// below what a recursive walk can survive.</summary>
    public const int MaxDepth = 64;

    /// <summary>The first problem as (line, column, message), or null when the stream is acceptable.</summary>
    /// <exception cref="YamlException">The text is not YAML (reported by the caller as a syntax error).</exception>
    public static (int Line, int Column, string Message)? Check(string text)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<string?>();
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case NodeEvent { } node and (SequenceStart or MappingStart):
                    if (open.Count >= MaxDepth)
                    {
                        return ((int)node.Start.Line, (int)node.Start.Column, string.Create(CultureInfo.InvariantCulture,
                            $"the YAML nests lists and mappings more than {MaxDepth} levels deep"));
                    }

                    open.Push(node.Anchor.IsEmpty ? null : node.Anchor.Value);
                    break;
                case SequenceEnd or MappingEnd:
                    open.Pop();
                    break;
                case AnchorAlias alias when open.Contains(alias.Value.Value):
                    return ((int)alias.Start.Line, (int)alias.Start.Column,
                        $"the alias *{alias.Value.Value} refers to a node that contains it (a cycle)");
            }
        }

        return null;
    }
}
