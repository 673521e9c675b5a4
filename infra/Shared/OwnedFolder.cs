using System.Globalization;

namespace EdgeIam.Shared;

/// <summary>
/// A folder this process owns while it runs, named <c>&lt;prefix&gt;&lt;pid&gt;-&lt;random&gt;</c> and holding a lock
/// file (<see cref="LockFileName"/>) locked for the process's lifetime. A process killed with <c>kill -9</c> cannot
/// delete its folder; <see cref="SweepStale"/> lets the next run remove it, and only it: a folder is stale when its
/// lock can be taken (its owner is gone) and it carries this tool's name pattern.
/// </summary>
internal sealed class OwnedFolder : IDisposable
{
    /// <summary>The marker and liveness lock inside every owned folder.</summary>
    public const string LockFileName = ".edgeiam-owner.lock";

    /// <summary>
    /// A lock taken within this long of the folder's creation may belong to a process that is still starting (the
    /// file exists a moment before it is locked), so a young folder with a live PID is left alone.
    /// </summary>
    private static readonly TimeSpan StartupGrace = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Folders without a lock file (older EdgeIam versions, or a delete that failed) are removed once this old and, when
    /// their name has a PID, once that process is gone.
    /// </summary>
    private static readonly TimeSpan LegacyAge = TimeSpan.FromHours(1);

    private readonly ProcessLock _lock;
    private bool _disposed;

    private OwnedFolder(string path, ProcessLock ownerLock)
    {
        Path = path;
        _lock = ownerLock;
    }

    public string Path { get; }

    /// <summary>Creates and locks a new folder <c>&lt;prefix&gt;&lt;pid&gt;-&lt;random&gt;</c> in <paramref name="parent"/>.</summary>
    public static OwnedFolder Create(string parent, string prefix)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}{Environment.ProcessId}-{System.IO.Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal)}");
            var path = System.IO.Path.Combine(parent, name);
            if (Directory.Exists(path) || File.Exists(path))
            {
                continue;
            }

            var created = Directory.CreateDirectory(path);
            if (!OperatingSystem.IsWindows())
            {
                // Private to the user, like the system's own temp folders: the jsii runtime unpacks code into it.
                created.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            }

            if (ProcessLock.TryAcquire(System.IO.Path.Combine(path, LockFileName), create: true, deleteOnRelease: false) is { } ownerLock)
            {
                return new OwnedFolder(path, ownerLock);
            }

            // A sweeper took the lock between creation and locking and will remove the folder: make another.
            if (attempt >= 3)
            {
                throw new IOException($"cannot lock a new temporary folder in '{parent}'");
            }
        }
    }

    /// <summary>
    /// Removes the folders <c>&lt;prefix&gt;*</c> in <paramref name="parent"/> whose owner is gone; returns their paths.
    /// Never follows a link, never touches a folder whose lock is held, and never fails: a folder that cannot be
    /// examined or removed is left for a later run.
    /// </summary>
    public static IReadOnlyList<string> SweepStale(string parent, string prefix, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var removed = new List<string>();
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateDirectories(parent, prefix + "*").ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return removed;
        }

        foreach (var folder in candidates)
        {
            try
            {
                if (IsStaleThenRemove(folder, prefix, time))
                {
                    removed.Add(folder);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Left for a later run.
            }
        }

        return removed;
    }

    /// <summary>The PID in an owned folder's name, or null for a name this type did not make.</summary>
    public static int? OwnerPid(string folderName, string prefix)
    {
        if (!folderName.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = folderName[prefix.Length..];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
    }

    /// <summary>Releases the lock and deletes the folder (best effort).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            DeleteTree(Path, System.IO.Path.Combine(Path, LockFileName), _lock);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The lock file is still there (it goes last), so the next run sweeps the rest.
            _lock.Dispose();
        }
    }

    private static bool IsStaleThenRemove(string folder, string prefix, TimeProvider time)
    {
        var info = new DirectoryInfo(folder);
        if (info.LinkTarget is not null)
        {
            return false;
        }

        var pid = OwnerPid(info.Name, prefix);
        var lockPath = System.IO.Path.Combine(folder, LockFileName);
        if (pid is null)
        {
            // An older EdgeIam's folder (Directory.CreateTempSubdirectory: no PID, no lock): only once it is old.
            if (File.Exists(lockPath) || time.GetUtcNow() - new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero) < LegacyAge)
            {
                return false;
            }

            DeleteTree(folder, lockPath, heldLock: null);
            return true;
        }

        if (pid == Environment.ProcessId)
        {
            return false;
        }

        // Taken before the lock: taking it rewrites the file.
        var lockWritten = File.Exists(lockPath) ? new DateTimeOffset(File.GetLastWriteTimeUtc(lockPath), TimeSpan.Zero) : DateTimeOffset.MinValue;
        using var ownerLock = ProcessLock.TryAcquire(lockPath, create: false, deleteOnRelease: false);
        if (ownerLock is null)
        {
            // Held: the owner runs. Or no lock file: the owner is creating the folder now, or died between creating it
            // and locking it (then it is empty), or a delete failed halfway long ago (then it is old).
            if (File.Exists(lockPath) || ProcessLock.ProcessIsRunning(pid.Value)
                || (info.EnumerateFileSystemInfos().Any() && time.GetUtcNow() - new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero) < LegacyAge))
            {
                return false;
            }
        }
        else if (ProcessLock.ProcessIsRunning(pid.Value)
            && (ProcessLock.LockingDisabled || time.GetUtcNow() - lockWritten < StartupGrace))
        {
            return false;
        }

        DeleteTree(folder, lockPath, ownerLock);
        return true;
    }

    /// <summary>
    /// Deletes an owned folder, its lock file last: a delete that fails halfway leaves the marker, so a later sweep
    /// still recognises the rest. The jsii runtime's node child can outlive its parent for a moment and still be
    /// writing into the folder, so a delete that finds new entries is tried again.
    /// </summary>
    private static void DeleteTree(string folder, string lockPath, ProcessLock? heldLock)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
                {
                    if (entry.FullName == lockPath)
                    {
                        continue;
                    }

                    if (entry is DirectoryInfo { LinkTarget: null } directory)
                    {
                        directory.Delete(recursive: true);
                    }
                    else
                    {
                        entry.Delete();
                    }
                }

                heldLock?.Dispose();
                Directory.Delete(folder, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5 && Directory.Exists(folder))
            {
                Thread.Sleep(100 * attempt);
            }
        }
    }
}
