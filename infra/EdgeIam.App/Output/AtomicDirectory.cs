using System.Globalization;
using EdgeIam.Shared;

namespace EdgeIam.App.Output;

/// <summary>
/// Writes a directory as a whole: content is built in a sibling temporary directory and swapped in only when
/// complete, so a failed or killed run leaves the previous directory (or its absence) untouched. One writer at a time:
/// a lock file beside the target (<c>.edgeiam-lock-&lt;name&gt;</c>) is held for the whole write, and a second
/// writer fails at once with <see cref="OutputBusyException"/>. Holding the lock, a writer first clears what killed
/// writers left beside the target (their staging folders; a previous directory moved aside goes back).
/// </summary>
public static class AtomicDirectory
{
    public const string StagingPrefix = ".edgeiam-tmp-";
    public const string PreviousPrefix = ".edgeiam-old-";
    public const string LockPrefix = ".edgeiam-lock-";

    /// <summary>Marks a staging folder as EdgeIam's while it is built; removed just before it becomes the target.</summary>
    public const string StagingMarker = ".edgeiam-staging";

    public static void Write(string target, Action<string> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var full = OutputTarget.Normalize(target);
        var parent = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{target}' has no parent directory", nameof(target));
        var createdParent = !Directory.Exists(parent);
        Directory.CreateDirectory(parent);

        // Sibling of the target: same file system, so the final renames are atomic.
        var name = Path.GetFileName(full);
        var writerLock = ProcessLock.TryAcquire(Path.Combine(parent, LockPrefix + name), create: true, deleteOnRelease: true);
        if (writerLock is null)
        {
            throw new OutputBusyException(target);
        }

        var succeeded = false;
        try
        {
            RecoverFromKilledWriters(parent, name, full);
            WriteLocked(parent, name, full, build);
            succeeded = true;
        }
        finally
        {
            writerLock.Dispose();
            if (!succeeded && createdParent)
            {
                DeleteIfExists(parent);
            }
        }
    }

    /// <summary>
    /// With the lock held no other writer runs, so every staging folder of this target is a killed writer's. Only
    /// folders with this tool's names and marks are touched: <c>.edgeiam-tmp-&lt;name&gt;-&lt;pid&gt;</c> holding the
    /// staging marker or a complete assembly (or nothing), and <c>.edgeiam-old-&lt;name&gt;-&lt;pid&gt;</c>, the
    /// previous target a writer moved aside and was killed before moving the new one in: it goes back when the
    /// target is missing.
    /// </summary>
    internal static IReadOnlyList<string> RecoverFromKilledWriters(string parent, string name, string full)
    {
        var cleared = new List<string>();
        foreach (var previous in Leftovers(parent, PreviousPrefix + name + "-"))
        {
            if (!Directory.Exists(full))
            {
                Directory.Move(previous, full);
            }
            else if (IsEmptyOrAssembly(previous))
            {
                Directory.Delete(previous, recursive: true);
            }
            else
            {
                continue;
            }

            cleared.Add(previous);
        }

        foreach (var staging in Leftovers(parent, StagingPrefix + name + "-"))
        {
            if (File.Exists(Path.Combine(staging, StagingMarker)) || IsEmptyOrAssembly(staging))
            {
                Directory.Delete(staging, recursive: true);
                cleared.Add(staging);
            }
        }

        return cleared;
    }

    private static void WriteLocked(string parent, string name, string full, Action<string> build)
    {
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var staging = Path.Combine(parent, $"{StagingPrefix}{name}-{pid}");
        var previous = Path.Combine(parent, $"{PreviousPrefix}{name}-{pid}");
        DeleteIfExists(staging);
        try
        {
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, StagingMarker), $"edgeiam synth, pid {pid}\n");
            build(staging);
            File.Delete(Path.Combine(staging, StagingMarker));
        }
        catch
        {
            DeleteIfExists(staging);
            throw;
        }

        // Linux has no portable atomic directory exchange from .NET; move the old one aside, move the new one in,
        // and put the old one back if the second rename fails (or, if killed in between, the next writer does).
        var hadPrevious = Directory.Exists(full);
        if (hadPrevious)
        {
            DeleteIfExists(previous);
            Directory.Move(full, previous);
        }

        try
        {
            Directory.Move(staging, full);
        }
        catch
        {
            if (hadPrevious)
            {
                Directory.Move(previous, full);
            }

            DeleteIfExists(staging);
            throw;
        }

        if (hadPrevious)
        {
            DeleteIfExists(previous);
        }
    }

    /// <summary>Real folders (never links) named <paramref name="prefix"/><c>&lt;pid&gt;</c> of processes other than this one.</summary>
    private static IEnumerable<string> Leftovers(string parent, string prefix) =>
        Directory.EnumerateDirectories(parent, prefix + "*")
            .Where(path =>
            {
                var suffix = Path.GetFileName(path)[prefix.Length..];
                return suffix.Length > 0 && suffix.All(char.IsAsciiDigit)
                    && suffix != Environment.ProcessId.ToString(CultureInfo.InvariantCulture)
                    && new DirectoryInfo(path).LinkTarget is null;
            })
            .ToList();

    private static bool IsEmptyOrAssembly(string folder) =>
        !Directory.EnumerateFileSystemEntries(folder).Any() || File.Exists(Path.Combine(folder, "manifest.json"));

    private static void DeleteIfExists(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
