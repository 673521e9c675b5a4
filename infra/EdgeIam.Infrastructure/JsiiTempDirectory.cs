namespace EdgeIam.Infrastructure;

/// <summary>
/// A temporary folder of the process's own for the CDK's jsii runtime, deleted on <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// On every start the jsii runtime copies the npm tarballs embedded in Amazon.CDK.Lib and its dependencies (about
/// 64 MB for 2.160) and its own node script into a new folder under the system temp folder, and never deletes them:
/// without this, every synth and every test run leaves them behind. The folder is handed to the runtime through
/// TMPDIR (TMP and TEMP on Windows), which both .NET's <see cref="Path.GetTempPath"/> and the node child read; create
/// it before the first CDK call.
/// </remarks>
public sealed class JsiiTempDirectory : IDisposable
{
    private static readonly string[] TempVariables = ["TMPDIR", "TMP", "TEMP"];

    private readonly Dictionary<string, string?> _previous;

    private JsiiTempDirectory(string path, Dictionary<string, string?> previous)
    {
        Path = path;
        _previous = previous;
    }

    /// <summary>The folder; the process's temp folder until disposed.</summary>
    public string Path { get; }

    /// <summary>Creates the folder under the current temp folder and makes it the process's temp folder.</summary>
    public static JsiiTempDirectory Create()
    {
        var path = Directory.CreateTempSubdirectory("edgeiam-jsii-").FullName;
        var previous = TempVariables.ToDictionary(name => name, Environment.GetEnvironmentVariable, StringComparer.Ordinal);
        foreach (var name in TempVariables)
        {
            Environment.SetEnvironmentVariable(name, path);
        }

        return new JsiiTempDirectory(path, previous);
    }

    /// <summary>
    /// Restores the temp folder and deletes this one. The runtime reads the tarballs only while it starts, so this
    /// is safe once the last CDK call has returned, even with the idle node process still running.
    /// </summary>
    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp folder must not turn a finished synth into a failure.
        }
    }
}
