using System.Globalization;

namespace EdgeIam.Config.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>One problem found in a stack file: where it is, what is wrong and how to fix it.</summary>
/// <param name="File">The stack file as the user named it (relative paths stay relative).</param>
/// <param name="Line">1-based line; 0 when the problem is not tied to a position.</param>
/// <param name="Column">1-based column; 0 when unknown.</param>
/// <param name="KeyPath">Key path such as <c>crossAccount[0].externalId</c>; empty for the whole file.</param>
public sealed record ConfigDiagnostic(
    DiagnosticSeverity Severity,
    string File,
    int Line,
    int Column,
    string KeyPath,
    string Message,
    string Fix)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>Compiler-style line (<c>file:line:col: error: path: message. Fix: …</c>) that editors and CI annotate.</summary>
    public override string ToString()
    {
        var where = Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}")
            : File;
        var severity = IsError ? "error" : "warning";
        var path = KeyPath.Length > 0 ? KeyPath + ": " : string.Empty;
        var fix = Fix.Length > 0 ? " Fix: " + Fix : string.Empty;
        return $"{where}: {severity}: {path}{Message}{fix}";
    }
}
