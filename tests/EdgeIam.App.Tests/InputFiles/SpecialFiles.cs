using System.Diagnostics;

namespace EdgeIam.App.Tests.InputFiles;

/// <summary>Makes the files a hostile or mistaken path can name, in a private folder removed on dispose.</summary>
internal sealed class SpecialFiles : IDisposable
{
    public SpecialFiles()
    {
        Root = TestTemp.Folder("edgeiam-special-");
    }

    public string Root { get; }

    public string Fifo(string name = "pipe")
    {
        var path = Path.Combine(Root, name);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    public string LinkToDevZero(string name = "zero") => Link(name, "/dev/zero");

    public string Link(string name, string target)
    {
        var path = Path.Combine(Root, name);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    public string Folder(string name = "folder") => System.IO.Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    public string Regular(string name, byte[] content)
    {
        var path = Path.Combine(Root, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public string Regular(string name, string content) => Regular(name, System.Text.Encoding.UTF8.GetBytes(content));

    public void Dispose() => System.IO.Directory.Delete(Root, recursive: true);
}

/// <summary>Runs what could block on a FIFO or never end on a device on another thread, failing after a limit.</summary>
internal static class WithinTime
{
    public static T Run<T>(Func<T> body, TimeSpan limit, string what)
    {
        var task = Task.Run(body);
        if (!task.Wait(limit))
        {
            Assert.Fail($"{what} did not return within {limit.TotalSeconds} s");
        }

        return task.GetAwaiter().GetResult();
    }
}
