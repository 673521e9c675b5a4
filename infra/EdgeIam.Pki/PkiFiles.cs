using EdgeIam.Shared;

namespace EdgeIam.Pki;

/// <summary>
/// Writes dev-PKI files. Private keys are created with mode 0600 from the first byte (never world-readable, not even
/// between create and chmod), and nothing is overwritten unless the caller says so.
/// </summary>
public static class PkiFiles
{
    /// <summary>Those of <paramref name="paths"/> where something already is: a file, a folder, a link (even a broken one).</summary>
    public static IReadOnlyList<string> Existing(IEnumerable<string> paths) => [.. paths.Where(InputFile.Exists)];

    /// <summary>
    /// The text of a PEM file (certificate, bundle, key) the <c>pki</c> commands read: a regular file of at most 1 MiB,
    /// checked before it is opened, so a FIFO or <c>/dev/zero</c> fails at once. Throws <see cref="IOException"/>.
    /// </summary>
    public static string ReadPem(string path) => InputFile.ReadAllText(path, InputFileLimit.Pem);

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
        if (overwrite && File.Exists(path))
        {
            // Replace the entry, never write through it: a link at the path must not redirect the write elsewhere.
            File.Delete(path);
        }

        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var writer = new StreamWriter(stream);
        writer.Write(text.TrimEnd() + "\n");
    }
}
