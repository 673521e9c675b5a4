using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation;

/// <summary>A policy document compiled for evaluation; compile once, evaluate many times.</summary>
internal sealed class CompiledPolicy
{
    private CompiledPolicy(string name, PolicyDocument document, CompiledStatement[] statements, bool isTrust)
    {
        IsTrust = isTrust;
        Name = name;
        Document = document;
        Statements = statements;
    }

    /// <summary>A label for reports, e.g. <c>trust</c> or the inline policy's name.</summary>
    public string Name { get; }

    public PolicyDocument Document { get; }

    public IReadOnlyList<CompiledStatement> Statements { get; }

    /// <summary>Compiled as a role trust policy: a statement without Principal matches nobody.</summary>
    public bool IsTrust { get; }

    public static CompiledPolicy Compile(PolicyDocument document, string name = "policy") =>
        new(name, document, document.Statements.Select(s => new CompiledStatement(s, document.SupportsVariables)).ToArray(), isTrust: false);

    /// <summary>Compiles a role trust policy, where every statement must name its principals.</summary>
    public static CompiledPolicy CompileTrust(PolicyDocument document, string name = "trust") =>
        new(name, document, document.Statements.Select(s => new CompiledStatement(s, document.SupportsVariables, principalRequired: true)).ToArray(), isTrust: true);

    public static CompiledPolicy Parse(string json, string name = "policy") => Compile(PolicyParser.Parse(json), name);
}
