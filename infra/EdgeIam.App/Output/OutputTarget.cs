namespace EdgeIam.App.Output;

/// <summary>
/// Guards <c>synth --out</c>: synth replaces the folder as a whole, so it must only ever replace a cloud assembly
/// (or an empty or absent folder), never the stack files, the working folder or unrelated files.
/// </summary>
public static class OutputTarget
{
    /// <summary>Why <paramref name="outDir"/> may not be replaced, or null when it may.</summary>
    public static string? Problem(string outDir, string configDir)
    {
        var target = Normalize(outDir);
        if (new FileInfo(target).LinkTarget is { } link)
        {
            // Refused rather than followed: synth swaps folders by renaming, which would replace the link itself.
            return $"is a symbolic link (to '{link}'); synth replaces --out as a whole by renaming folders, which would replace the link rather than write into its target. Pass the real folder instead (--out {Path.GetFullPath(link, Path.GetDirectoryName(target)!)}).";
        }

        if (File.Exists(target))
        {
            return "is a file; give a folder for the cloud assembly.";
        }

        var cwd = Normalize(Directory.GetCurrentDirectory());
        if (IsSameOrInside(cwd, target))
        {
            return "is the current folder or one of its parents, and synth replaces --out as a whole; use a subfolder such as cdk.out.";
        }

        if (IsSameOrInside(Normalize(configDir), target))
        {
            return "holds the stack files (--config-dir), and synth replaces --out as a whole; use a separate folder such as cdk.out.";
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !File.Exists(Path.Combine(target, "manifest.json")))
        {
            return "exists and is not a cloud assembly (no manifest.json); synth replaces --out as a whole, so it will not delete other files. Remove it or choose another folder.";
        }

        return null;
    }

    internal static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static bool IsSameOrInside(string path, string folder) =>
        path == folder || path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
