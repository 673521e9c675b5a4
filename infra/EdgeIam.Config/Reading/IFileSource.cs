using EdgeIam.Shared;

namespace EdgeIam.Config.Reading;

/// <summary>File access seam: the loader reads stack files and referenced certificates through it.</summary>
public interface IFileSource
{
    /// <summary>True when anything is at <paramref name="path"/> (a directory or a FIFO too: reading it says what is wrong).</summary>
    bool FileExists(string path);

    /// <summary>The file's text; throws <see cref="IOException"/> naming the file when it is not a readable regular file.</summary>
    string ReadAllText(string path);

    /// <summary>Stack files (<c>*.yaml</c>) directly in <paramref name="directory"/>, sorted by name.</summary>
    IReadOnlyList<string> StackFiles(string directory);
}

/// <summary>
/// The real file system. Every read goes through <see cref="InputFile"/>: a regular file (links followed) of at most
/// 1 MiB (<see cref="InputFileLimit.StackInput"/>), valid UTF-8, checked before it is opened.
/// </summary>
public sealed class PhysicalFileSource : IFileSource
{
    public static PhysicalFileSource Instance { get; } = new();

    public bool FileExists(string path) => InputFile.Exists(path);

    public string ReadAllText(string path) => InputFile.ReadAllText(path, InputFileLimit.StackInput);

    public IReadOnlyList<string> StackFiles(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal)]
            : [];
}
