using System.Globalization;
using System.Buffers;
using System.Text.Unicode;

namespace EdgeIam.Shared;

/// <summary>
/// The one way the CLI reads an input file: the path must name a regular file (a symbolic link is followed and its
/// target checked) no larger than the cap of its kind, checked before the file is opened, so a FIFO never blocks and
/// <c>/dev/zero</c> is never read. Anything else throws <see cref="InputFileException"/> naming the file.
/// </summary>
internal static class InputFile
{
    /// <summary>True when anything is at <paramref name="path"/>: a file, a folder, a device or a link, even a broken one.</summary>
    public static bool Exists(string path) => FileStatusProbe.Probe(path).Kind != InputFileKind.Missing;

    /// <summary>Throws unless <paramref name="path"/> is a regular file within <paramref name="limit"/>; returns its size.</summary>
    public static long CheckReadable(string path, InputFileLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var status = FileStatusProbe.Probe(path);
        var link = status.LinkTarget is null ? "" : $" (a symbolic link to '{status.LinkTarget}')";
        var problem = status.Kind switch
        {
            InputFileKind.Regular when status.Size > limit.MaxBytes => TooLarge(status.Size, limit),
            InputFileKind.Regular => null,
            InputFileKind.Missing => "does not exist",
            InputFileKind.Directory => $"is a directory{link}, not a file",
            InputFileKind.Fifo => $"is a FIFO (named pipe){link}, not a regular file; it was not opened, since reading it can block forever",
            InputFileKind.Socket => $"is a socket{link}, not a regular file",
            InputFileKind.CharacterDevice => $"is a character device{link}, not a regular file; it was not read",
            InputFileKind.BlockDevice => $"is a block device{link}, not a regular file; it was not read",
            InputFileKind.BrokenLink => $"is a symbolic link to '{status.LinkTarget}' that cannot be followed ({status.SystemMessage})",
            _ => $"cannot be examined{link}: {status.SystemMessage}",
        };
        return problem is null ? status.Size : throw new InputFileException(path, problem);
    }

    /// <summary>The bytes of a regular file within <paramref name="limit"/>; throws <see cref="InputFileException"/> otherwise.</summary>
    public static byte[] ReadAllBytes(string path, InputFileLimit limit)
    {
        CheckReadable(path, limit);
        try
        {
            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                Options = FileOptions.SequentialScan,
            });

            // Read at most one byte past the cap: the file may have grown (or been swapped) since it was checked.
            using var memory = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, limit.MaxBytes + 1 - memory.Length))) > 0)
            {
                memory.Write(buffer, 0, read);
                if (memory.Length > limit.MaxBytes)
                {
                    throw new InputFileException(path, TooLarge(memory.Length, limit, atLeast: true));
                }
            }

            return memory.ToArray();
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InputFileException(path, $"cannot be read: {ex.Message}");
        }
    }

    /// <summary>
    /// The bytes of a regular file within <paramref name="limit"/> that must be UTF-8 (JSON), without a byte order mark.
    /// Checked here because JSON readers fail on invalid UTF-8 in different ways (some with exceptions that are not
    /// parse errors).
    /// </summary>
    public static byte[] ReadAllUtf8Bytes(string path, InputFileLimit limit)
    {
        var bytes = ReadAllBytes(path, limit);
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var body = bytes.AsSpan(start);
        if (!Utf8.IsValid(body))
        {
            var chars = new char[body.Length];
            Utf8.ToUtf16(body, chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            throw new InputFileException(path, string.Create(CultureInfo.InvariantCulture, $"is not valid UTF-8 (at byte {start + read})"));
        }

        return start == 0 ? bytes : body.ToArray();
    }

    /// <summary>
    /// The text of a regular file within <paramref name="limit"/>, which must be UTF-8 (a byte order mark is dropped).
    /// Invalid bytes are an error rather than U+FFFD: a replaced character would put something other than the file
    /// says into a policy.
    /// </summary>
    public static string ReadAllText(string path, InputFileLimit limit)
    {
        var bytes = ReadAllBytes(path, limit);
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        if (bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }) || bytes.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            throw new InputFileException(path, "is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
        }

        var text = bytes.AsSpan(start);
        var chars = new char[text.Length];
        var result = Utf8.ToUtf16(text, chars, out var read, out var written, replaceInvalidSequences: false, isFinalBlock: true);
        return result == OperationStatus.Done
            ? new string(chars, 0, written)
            : throw new InputFileException(path, string.Create(CultureInfo.InvariantCulture, $"is not valid UTF-8 (at byte {start + read}); save it as UTF-8"));
    }

    private static string TooLarge(long size, InputFileLimit limit, bool atLeast = false) =>
        string.Create(CultureInfo.InvariantCulture,
            $"is {(atLeast ? "more than " : "")}{(atLeast ? limit.MaxBytes : size)} bytes; a {limit.What} may be at most {limit.Describe()} ({limit.MaxBytes} bytes): check the path");
}
