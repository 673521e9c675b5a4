namespace EdgeIam.Policy.Tests.Support;

/// <summary>Where fixtures live: copied next to the test assembly; the source tree is found for golden updates.</summary>
internal static class FixturePaths
{
    public static string Output(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);

    /// <summary>The test project's source folder (for regenerating golden files with EDGEIAM_UPDATE_GOLDEN=1).</summary>
    public static string Source(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EdgeIam.Policy.Tests.csproj")))
        {
            dir = dir.Parent;
        }

        return Path.Combine([dir?.FullName ?? throw new InvalidOperationException("test project folder not found"), .. parts]);
    }
}
