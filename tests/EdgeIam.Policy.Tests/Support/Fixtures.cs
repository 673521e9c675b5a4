using EdgeIam.Policy.Templates;
using EdgeIam.Tests.Shared;

namespace EdgeIam.Policy.Tests.Support;

/// <summary>
/// The fixture assembly: what <c>edgeiam synth</c> writes for the shipped stacks (scripts/regenerate-policy-fixtures.sh),
/// loaded once.
/// </summary>
internal static class Fixtures
{
    private static readonly Lazy<CloudAssembly> LazyAssembly = new(() => AssemblyReader.Load(AssemblyDirectory));


    public static string AssemblyDirectory => FixturePaths.Output("Fixtures", "Assembly");

    public static CloudAssembly Assembly => LazyAssembly.Value;

    public static StackTemplate Dev => Assembly.FindStack("dev")!;

    public static StackTemplate Prod => Assembly.FindStack("prod")!;

    /// <summary>
    /// A copy of the fixture assembly in a fresh temporary folder, for tests that change it; the caller disposes it
    /// (<c>using var copy = Fixtures.CopyAssembly();</c>), which removes the folder.
    /// </summary>
    public static TempFolder CopyAssembly()
    {
        var copy = TempFolder.Create("edgeiam-policy-tests-");
        foreach (var file in Directory.GetFiles(AssemblyDirectory))
        {
            File.Copy(file, copy.Combine(Path.GetFileName(file)));
        }

        return copy;
    }
}
