using EdgeIam.Policy.Templates;
using EdgeIam.Tests.Shared;

namespace EdgeIam.Policy.Tests.Support;

/// <summary>The fixture assembly (dev and prod stacks shaped like the app's CDK output), loaded once.</summary>
internal static class Fixtures
{
    private static readonly Lazy<CloudAssembly> LazyAssembly = new(() => AssemblyReader.Load(AssemblyDirectory));

    // One folder per test process for every copy, removed when the process exits.
    private static readonly Lazy<TempFolder> Copies = new(() => TempFolder.ForProcess("edgeiam-policy-tests-"));

    public static string AssemblyDirectory => FixturePaths.Output("Fixtures", "Assembly");

    public static CloudAssembly Assembly => LazyAssembly.Value;

    public static StackTemplate Dev => Assembly.FindStack("dev")!;

    public static StackTemplate Prod => Assembly.FindStack("prod")!;

    /// <summary>A copy of the fixture assembly in a fresh folder, for tests that change it; removed when the process exits.</summary>
    public static string CopyAssembly()
    {
        var target = Copies.Value.Combine(Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(AssemblyDirectory))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }
}
