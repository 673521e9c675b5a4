using EdgeIam.Config.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace EdgeIam.Config.Reading;

/// <summary>What every section parser of one stack file shares: the file, its diagnostics, the clock and file access.</summary>
public sealed class ConfigContext
{
    public ConfigContext(string file, ConfigDiagnostics diagnostics, TimeProvider time, IFileSource files)
    {
        File = file;
        Diagnostics = diagnostics;
        Time = time;
        Files = files;
    }

    /// <summary>The stack file as the user named it; used in messages.</summary>
    public string File { get; }

    /// <summary>Directory that relative paths in the stack file resolve against.</summary>
    public string Directory => Path.GetDirectoryName(Path.GetFullPath(File)) ?? ".";

    public ConfigDiagnostics Diagnostics { get; }

    public TimeProvider Time { get; }

    public IFileSource Files { get; }

    private readonly Dictionary<string, Federation.SourcePosition> _positions = new(StringComparer.Ordinal);

    /// <summary>Where each mapping of the file starts, by key path, so checks after loading (at synth) can point at it.</summary>
    public IReadOnlyDictionary<string, Federation.SourcePosition> Positions => _positions;

    internal void RecordPosition(string keyPath, YamlNode node) =>
        _positions.TryAdd(keyPath, new Federation.SourcePosition(File, (int)node.Start.Line, (int)node.Start.Column, keyPath));

    /// <summary>Resolves a path written in the stack file (relative to that file, or absolute).</summary>
    public string ResolvePath(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Directory, path));

    public void Error(YamlNode? at, string keyPath, string message, string fix) =>
        Report(DiagnosticSeverity.Error, at, keyPath, message, fix);

    public void Warning(YamlNode? at, string keyPath, string message, string fix) =>
        Report(DiagnosticSeverity.Warning, at, keyPath, message, fix);

    private void Report(DiagnosticSeverity severity, YamlNode? at, string keyPath, string message, string fix)
    {
        var line = at is null ? 0 : (int)at.Start.Line;
        var column = at is null ? 0 : (int)at.Start.Column;
        Diagnostics.Add(new ConfigDiagnostic(severity, File, line, column, keyPath, message, fix));
    }
}
