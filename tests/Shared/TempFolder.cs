namespace EdgeIam.Tests.Shared;

/// <summary>
/// A fresh folder under the temp folder that a test owns and that is removed with everything in it when disposed,
/// so a test run leaves nothing behind: <c>using var temp = TempFolder.Create("edgeiam-pki-");</c>. Prefer it to
/// <see cref="ForProcess"/>: the test runner stops the host about 100 ms after the last test
/// (https://github.com/microsoft/vstest/issues/2379), which can cut process-exit clean-up short. Linked into the test
/// projects.
/// </summary>
internal sealed class TempFolder : IDisposable
{
    private TempFolder(string path) => Path = path;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Creates <c>&lt;temp&gt;/&lt;prefix&gt;&lt;random&gt;</c>.</summary>
    public static TempFolder Create(string prefix) => new(Directory.CreateTempSubdirectory(prefix).FullName);

    /// <summary>
    /// Creates a folder that is removed when the test process exits (not when a test ends), if the runner lets the
    /// exit finish; use it only inside a folder something else also cleans (the App tests' jsii temp folder).
    /// </summary>
    public static TempFolder ForProcess(string prefix)
    {
        var folder = Create(prefix);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Dispose();
        return folder;
    }

    /// <summary>Creates a subfolder <c>&lt;prefix&gt;&lt;random&gt;</c> and returns its path.</summary>
    public string NewFolder(string prefix) => Directory.CreateDirectory(NewPath(prefix)).FullName;

    /// <summary>A fresh path <c>&lt;prefix&gt;&lt;random&gt;</c> inside the folder, not created (for an output folder a command must create).</summary>
    /// <remarks>The suffix is 8 characters, like <see cref="Directory.CreateTempSubdirectory(string)"/>'s, to keep
    /// paths short: a Unix socket path may not exceed 108 bytes.</remarks>
    public string NewPath(string prefix) => System.IO.Path.Combine(Path, prefix + System.IO.Path.GetFileNameWithoutExtension(System.IO.Path.GetRandomFileName()));

    /// <summary>A path inside the folder (not created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                // Files made read-only by a test (0400 keys, a read-only folder) must not keep the folder alive.
                foreach (var entry in new DirectoryInfo(Path).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
                {
                    if (entry.LinkTarget is null && !OperatingSystem.IsWindows())
                    {
                        entry.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | (entry is DirectoryInfo ? UnixFileMode.UserExecute : UnixFileMode.None);
                    }
                }

                Directory.Delete(Path, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A test that is still writing (or a handle still open on Windows) must not turn a pass into a failure.
        }
    }
}
