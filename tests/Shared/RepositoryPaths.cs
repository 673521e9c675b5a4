namespace EdgeIam.Tests.Shared;

/// <summary>Where the repository's files are, found from the test binary's location (linked into every test project).</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the folder holding EdgeIam.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Stacks => Path.Combine(Root, "stacks");

    public static string Schema => Path.Combine(Stacks, "schema", "edgeiam-stack.schema.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeIam.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (EdgeIam.sln) from " + AppContext.BaseDirectory);
    }
}
