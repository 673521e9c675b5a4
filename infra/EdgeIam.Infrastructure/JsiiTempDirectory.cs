using EdgeIam.Shared;

namespace EdgeIam.Infrastructure;

/// <summary>
/// A temporary folder of the process's own for the CDK's jsii runtime, deleted on <see cref="Dispose"/>; folders left
/// by killed runs are swept when the next one is created.
/// </summary>
/// <remarks>
/// On every start the jsii runtime copies the npm tarballs embedded in Amazon.CDK.Lib and its dependencies (about
/// 64 MB for 2.160) and its own node script into a new folder under the system temp folder, and never deletes them;
/// its node process unpacks the packages into <c>jsii-kernel-*</c> folders under node's <c>os.tmpdir()</c>. The folder
/// is handed to both through TMPDIR (TMP and TEMP on Windows), which .NET's <see cref="System.IO.Path.GetTempPath"/>
/// and node read, so everything the runtime writes lands inside it; create it before the first CDK call. The folder
/// is named <c>edgeiam-jsii-&lt;pid&gt;-&lt;random&gt;</c> and holds a lock file locked while the process runs
/// (<see cref="OwnedFolder"/>): a run killed with <c>kill -9</c> leaves it behind, and the next run, seeing the lock
/// free, removes it.
/// </remarks>
public sealed class JsiiTempDirectory : IDisposable
{
    /// <summary>The name prefix of the folders; only folders with it (and a free lock) are ever swept.</summary>
    public const string Prefix = "edgeiam-jsii-";

    private static readonly string[] TempVariables = ["TMPDIR", "TMP", "TEMP"];

    private readonly Dictionary<string, string?> _previous;
    private readonly OwnedFolder _folder;

    private JsiiTempDirectory(OwnedFolder folder, Dictionary<string, string?> previous)
    {
        _folder = folder;
        _previous = previous;
    }

    /// <summary>The folder; the process's temp folder until disposed.</summary>
    public string Path => _folder.Path;

    /// <summary>
    /// Removes the stale folders of killed runs from the current temp folder, then creates this process's folder there
    /// and makes it the process's temp folder.
    /// </summary>
    public static JsiiTempDirectory Create()
    {
        var parent = System.IO.Path.GetTempPath();
        SweepStale(parent);
        var folder = OwnedFolder.Create(parent, Prefix);
        var previous = TempVariables.ToDictionary(name => name, Environment.GetEnvironmentVariable, StringComparer.Ordinal);
        foreach (var name in TempVariables)
        {
            Environment.SetEnvironmentVariable(name, folder.Path);
        }

        return new JsiiTempDirectory(folder, previous);
    }

    /// <summary>Removes the <c>edgeiam-jsii-*</c> folders in <paramref name="parent"/> whose process is gone; returns them.</summary>
    public static IReadOnlyList<string> SweepStale(string parent) => OwnedFolder.SweepStale(parent, Prefix, TimeProvider.System);

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

        // Best effort: a leftover temp folder must not turn a finished synth into a failure; the next run sweeps it.
        _folder.Dispose();
    }
}
