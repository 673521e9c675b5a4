namespace EdgeIam.Pki;

/// <summary>
/// Writes dev-PKI files. Private keys are created with mode 0600 from the first byte (never world-readable, not even
/// between create and chmod), and nothing is overwritten unless the caller says so.
/// </summary>
public static class PkiFiles
{
    /// <summary>Those of <paramref name="paths"/> that already exist.</summary>
    public static IReadOnlyList<string> Existing(IEnumerable<string> paths) => [.. paths.Where(File.Exists)];

    public static void WritePrivateKey(string path, string pem, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (overwrite && File.Exists(path))
        {
            // UnixCreateMode applies only when the file is created, so a replaced key gets a fresh 0600 file.
            File.Delete(path);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(pem.TrimEnd() + "\n");
    }

    public static void WritePublic(string path, string text, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var stream = new FileStream(path, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var writer = new StreamWriter(stream);
        writer.Write(text.TrimEnd() + "\n");
    }
}
