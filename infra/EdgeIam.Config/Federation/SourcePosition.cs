namespace EdgeIam.Config.Federation;

/// <summary>Where an entry is declared, for checks that run after loading (across stack files).</summary>
/// <param name="File">The stack file as the user named it.</param>
/// <param name="Line">1-based line of the entry.</param>
/// <param name="Column">1-based column of the entry.</param>
/// <param name="KeyPath">Key path of the entry, e.g. <c>oidc.providers[0]</c>.</param>
public sealed record SourcePosition(string File, int Line, int Column, string KeyPath);
