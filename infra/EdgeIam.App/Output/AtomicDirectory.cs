namespace EdgeIam.App.Output;

/// <summary>
/// Writes a directory as a whole: content is built in a sibling temporary directory and swapped in only when
/// complete, so a failed run leaves the previous directory (or its absence) untouched.
/// </summary>
public static class AtomicDirectory
{
    public static void Write(string target, Action<string> build)
    {
        var full = OutputTarget.Normalize(target);
        var parent = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{target}' has no parent directory", nameof(target));
        var createdParent = !Directory.Exists(parent);
        Directory.CreateDirectory(parent);

        // Sibling of the target: same file system, so the final renames are atomic.
        var name = Path.GetFileName(full);
        var staging = Path.Combine(parent, $".edgeiam-tmp-{name}-{Environment.ProcessId}");
        var previous = Path.Combine(parent, $".edgeiam-old-{name}-{Environment.ProcessId}");
        DeleteIfExists(staging);
        try
        {
            Directory.CreateDirectory(staging);
            build(staging);
        }
        catch
        {
            DeleteIfExists(staging);
            if (createdParent)
            {
                DeleteIfExists(parent);
            }

            throw;
        }

        // Linux has no portable atomic directory exchange from .NET; move the old one aside, move the new one in,
        // and put the old one back if the second rename fails.
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

    private static void DeleteIfExists(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
