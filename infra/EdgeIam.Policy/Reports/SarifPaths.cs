namespace EdgeIam.Policy.Reports;

/// <summary>
/// Turns file paths into SARIF artifact locations GitHub code scanning accepts: a relative, percent-encoded URI under
/// an <c>originalUriBaseIds</c> entry, never an absolute path (SARIF1004/SARIF1002;
/// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#understanding-rules-and-results).
/// A file inside the repository is relative to its root (<see cref="SourceRoot"/>), else to the current directory,
/// else it is named by its file name under <paramref name="outsideBaseId"/>.
/// </summary>
internal sealed record SarifPaths(string? RepositoryRoot, string CurrentDirectory)
{
    public const string SourceRoot = "%SRCROOT%";
    public const string WorkingDirectory = "%CWD%";
    public const string Assembly = "%ASSEMBLY%";
    public const string Stacks = "%STACKS%";

    /// <summary>The context of this process: the repository holding the current directory, if any.</summary>
    public static SarifPaths ForCurrentDirectory()
    {
        var cwd = Directory.GetCurrentDirectory();
        return new SarifPaths(FindRepositoryRoot(cwd), cwd);
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds <c>.git</c> (a folder, or a file in a worktree) or <c>EdgeIam.sln</c>.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git) || File.Exists(Path.Combine(dir.FullName, "EdgeIam.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    public SarifArtifact Artifact(string path, string outsideBaseId)
    {
        var full = Path.GetFullPath(path, CurrentDirectory);
        if (RepositoryRoot is not null && Relative(RepositoryRoot, full) is { } inRepo)
        {
            return new SarifArtifact(SourceRoot, Encode(inRepo));
        }

        if (Relative(CurrentDirectory, full) is { } inCwd)
        {
            return new SarifArtifact(WorkingDirectory, Encode(inCwd));
        }

        // A stack file (or assertions file) read from outside the repository, e.g. a scratch copy given as
        // --config-dir, stands for its home in the repository: stacks/<file>, the only place code scanning can show.
        if (outsideBaseId == Stacks && RepositoryRoot is not null)
        {
            return new SarifArtifact(SourceRoot, Encode("stacks/" + Path.GetFileName(full)));
        }

        return new SarifArtifact(outsideBaseId, Encode(Path.GetFileName(full)));
    }

    /// <summary>The path of <paramref name="full"/> below <paramref name="root"/>, or null when it is not below it.</summary>
    private static string? Relative(string root, string full)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(root), full);
        return relative == "." || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative) ? null : relative;
    }

    /// <summary>RFC 3986 percent-encoding per segment, so spaces, '#' and non-ASCII survive as one URI reference.</summary>
    internal static string Encode(string relative) =>
        string.Join('/', relative.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
}
