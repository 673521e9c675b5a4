namespace EdgeIam.Policy.Templates;

/// <summary>What a <see cref="SymbolicValue"/> symbol stands for.</summary>
internal enum SymbolKind
{
    /// <summary>A pseudo parameter or a resource of this template: unknown text, known identity.</summary>
    Resolved,

    /// <summary>A template parameter: chosen at deploy time (a Default can be overridden), never proved.</summary>
    Parameter,

    /// <summary>A <c>Ref</c> or <c>Fn::GetAtt</c> to a logical ID the template does not have.</summary>
    Missing,

    /// <summary>An intrinsic the reader does not evaluate (<c>Fn::ImportValue</c>, <c>Fn::Foo</c>, a malformed one).</summary>
    Opaque,
}
