namespace EdgeIam.Shared;

/// <summary>
/// A file the CLI was asked to read is not one it will read: missing, a directory, a FIFO, a device, too large, or not
/// UTF-8. An <see cref="IOException"/>, so callers that already report unreadable files report this one too; the
/// message names the file and what is wrong.
/// </summary>
internal sealed class InputFileException : IOException
{
    public InputFileException(string path, string problem)
        : base($"'{path}' {problem}")
    {
        FilePath = path;
        Problem = problem;
    }

    public InputFileException()
    {
    }

    public InputFileException(string message)
        : base(message)
    {
    }

    public InputFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string FilePath { get; } = string.Empty;

    public string Problem { get; } = string.Empty;
}
