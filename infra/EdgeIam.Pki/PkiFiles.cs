using EdgeIam.Shared;

namespace EdgeIam.Pki;

/// <summary>
/// Writes dev-PKI files. Every write goes to a temporary file in the target's folder and is then renamed over the
/// target, so a crash leaves the old file or the new one, never half of either. Private keys are created with mode
/// 0600 from the first byte (never world-readable, not even between create and chmod), and nothing is overwritten
/// unless the caller says so.
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

    public static void WritePrivateKey(string path, string pem, bool overwrite) => Write(path, pem, privateFile: true, overwrite);

    public static void WritePublic(string path, string text, bool overwrite) => Write(path, text, privateFile: false, overwrite);

    private static void Write(string path, string text, bool privateFile, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(text);
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // A fresh file gets the mode at creation; the rename keeps it, so a replaced key is 0600 too.
            options.UnixCreateMode = privateFile ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text.TrimEnd() + "\n");
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            // rename(2) replaces the entry, never writes through it: a link at the path cannot redirect the write.
            // Without overwrite the move fails when the target appeared meanwhile, so nothing is clobbered.
            File.Move(temp, full, overwrite);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
