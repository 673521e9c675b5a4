using System.Text.Json.Nodes;

namespace EdgeIam.Config.Assertions;

/// <summary>
/// A stack's access assertions (<c>stacks/&lt;name&gt;.assertions.yaml</c>), validated against the stack. Each body is
/// kept in the form the template's <c>edgeiam:assertions</c> Metadata carries, so synth writes exactly what the file
/// says and the policy engine reads exactly what synth wrote (one format, in <c>EdgeIamMetadata</c>).
/// </summary>
public sealed record AssertionsConfig(string File, IReadOnlyList<AssertionConfig> Assertions);

/// <summary>One assertion: ID, why, where it is written, its kind and its body (role, principal, context, ...).</summary>
public sealed record AssertionConfig(string Id, string? Why, int Line, int Column, string Kind, JsonObject Body)
{
    /// <summary>The Metadata entry: <c>{"id", "why"?, "source": {"file", "line", "column"}, "&lt;kind&gt;": body}</c>.</summary>
    public JsonObject ToMetadata(string file)
    {
        var entry = new JsonObject { ["id"] = Id };
        if (Why is not null)
        {
            entry["why"] = Why;
        }

        entry["source"] = new JsonObject { ["file"] = file, ["line"] = Line, ["column"] = Column };
        entry[Kind] = Body.DeepClone();
        return entry;
    }
}
