namespace EdgeIam.Config.Reading;

/// <summary>File access seam: the loader reads stack files and referenced certificates through it.</summary>
public interface IFileSource
{
    bool FileExists(string path);

    string ReadAllText(string path);

    /// <summary>Stack files (<c>*.yaml</c>) directly in <paramref name="directory"/>, sorted by name.</summary>
    IReadOnlyList<string> StackFiles(string directory);
}

public sealed class PhysicalFileSource : IFileSource
{
    public static PhysicalFileSource Instance { get; } = new();

    public bool FileExists(string path) => File.Exists(path);

    public string ReadAllText(string path) => File.ReadAllText(path);

    public IReadOnlyList<string> StackFiles(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal)]
            : [];
}
