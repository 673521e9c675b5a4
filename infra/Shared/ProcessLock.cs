using System.Diagnostics;
using System.Globalization;

namespace EdgeIam.Shared;

/// <summary>
/// An exclusive lock on a file, held while this process runs. On Unix .NET takes <c>flock(LOCK_EX|LOCK_NB)</c> for
/// <see cref="FileShare.None"/>; the kernel drops the lock when the process dies, even by <c>kill -9</c>, and .NET
/// opens files close-on-exec, so a child (the jsii runtime's node) never inherits it. A lock that can be taken
/// therefore proves its last holder is gone, whatever process now has its PID.
/// </summary>
internal sealed class ProcessLock : IDisposable
{
    // errno EWOULDBLOCK on Linux and macOS, ERROR_SHARING_VIOLATION on Windows: the file is locked by someone else.
    private static readonly int[] HeldElsewhere = [11, 35, unchecked((int)0x80070020)];

    private readonly FileStream _stream;
    private readonly bool _deleteOnRelease;
    private bool _released;

    private ProcessLock(string path, FileStream stream, bool deleteOnRelease)
    {
        Path = path;
        _stream = stream;
        _deleteOnRelease = deleteOnRelease;
    }

    public string Path { get; }

    /// <summary>
    /// Takes the lock at <paramref name="path"/>, creating the file when <paramref name="create"/>; null when another
    /// process holds it (or, without <paramref name="create"/>, when there is no such file). With
    /// <paramref name="deleteOnRelease"/> the file is removed on release, so nothing is left behind.
    /// </summary>
    public static ProcessLock? TryAcquire(string path, bool create, bool deleteOnRelease)
    {
        // A holder releasing a deletable lock removes the file while still holding it; a process that opened the file
        // just before then gets the lock on a file nobody can find. It checks for that and tries again.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(path, new FileStreamOptions
                {
                    Mode = create ? FileMode.OpenOrCreate : FileMode.Open,
                    Access = FileAccess.ReadWrite,
                    Share = FileShare.None,
                });
            }
            catch (IOException ex) when (HeldElsewhere.Contains(ex.HResult))
            {
                return null;
            }
            catch (Exception ex) when (!create && ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return null;
            }

            if (FileStatusProbe.IsSameFile(stream.SafeFileHandle, path))
            {
                var owner = string.Create(CultureInfo.InvariantCulture, $"edgeiam pid {Environment.ProcessId}\n");
                stream.SetLength(0);
                stream.Write(System.Text.Encoding.ASCII.GetBytes(owner));
                stream.Flush();
                return new ProcessLock(path, stream, deleteOnRelease);
            }

            stream.Dispose();
        }

        return null;
    }

    /// <summary>Whether a process with this ID runs now (any process: PIDs are reused, see the class remarks).</summary>
    public static bool ProcessIsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// True when .NET's file locking is switched off (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>): every lock then
    /// looks free, and liveness must rest on PIDs alone.
    /// </summary>
    public static bool LockingDisabled =>
        AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) ? disabled
        : Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is "1" or "true";

    public void Dispose()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        if (_deleteOnRelease && !OperatingSystem.IsWindows())
        {
            TryDelete();
        }

        _stream.Dispose();
        if (_deleteOnRelease && OperatingSystem.IsWindows())
        {
            TryDelete();
        }
    }

    private void TryDelete()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover empty lock file is reused by the next run.
        }
    }
}
