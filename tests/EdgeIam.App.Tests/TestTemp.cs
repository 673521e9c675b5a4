namespace EdgeIam.App.Tests;

/// <summary>
/// Where the App tests put their folders: one folder per test process, removed when it exits, so no test leaves
/// files in the temp folder whether it passes or fails.
/// </summary>
internal static class TestTemp
{
    private static readonly Lazy<TempFolder> Root = new(() => TempFolder.ForProcess("edgeiam-app-"));

    /// <summary>Creates a fresh folder named <c>&lt;prefix&gt;&lt;random&gt;</c>.</summary>
    public static string Folder(string prefix) => Root.Value.NewFolder(prefix);

    /// <summary>A fresh path that does not exist yet (for <c>--out</c> folders the command creates).</summary>
    public static string Path(string prefix) => Root.Value.NewPath(prefix);
}
