namespace EdgeIam.App.Tests;

/// <summary>
/// Where the App tests put their folders: one folder per test process, inside the process's own temp folder
/// (<see cref="JsiiTempScope"/>), so nothing lands directly in the system temp folder. Both are removed when the
/// process exits; when the test runner stops the host before that finishes (vstest gives it about 100 ms), the next
/// run's sweep of <c>edgeiam-jsii-*</c> folders whose owner is gone removes them.
/// </summary>
internal static class TestTemp
{
    private static readonly Lazy<TempFolder> Root = new(() => TempFolder.ForProcess("edgeiam-app-"));

    /// <summary>Creates a fresh folder named <c>&lt;prefix&gt;&lt;random&gt;</c>.</summary>
    public static string Folder(string prefix) => Root.Value.NewFolder(prefix);

    /// <summary>A fresh path that does not exist yet (for <c>--out</c> folders the command creates).</summary>
    public static string Path(string prefix) => Root.Value.NewPath(prefix);
}
