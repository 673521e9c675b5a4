using System.Diagnostics;
using EdgeIam.App.Output;
using EdgeIam.Infrastructure;

namespace EdgeIam.App.Tests;

/// <summary>
/// A real synth process killed with SIGKILL while the jsii runtime unpacks (what a CI timeout or an OOM kill does):
/// what it leaves is exactly what the next run's sweeps remove, and the previous --out survives.
/// </summary>
public sealed class KilledSynthTests : IDisposable
{
    private readonly string _root = TestTemp.Folder("edgeiam-killed-");

    [Fact]
    public void WhatAKilledSynthLeavesIsSweptAndThePreviousOutStays()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var temp = Directory.CreateDirectory(Path.Combine(_root, "tmp")).FullName;
        var output = Directory.CreateDirectory(Path.Combine(_root, "cdk.out")).FullName;
        File.WriteAllText(Path.Combine(output, "manifest.json"), "{\"previous\": true}");
        var cli = Path.Combine(AppContext.BaseDirectory, "edgeiam.dll");
        var start = new ProcessStartInfo("dotnet", [cli, "synth", "--config-dir", Path.Combine(CliRunner.RepositoryRoot, "stacks"), "--out", output])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["TMPDIR"] = temp;
        using var synth = Process.Start(start)!;
        try
        {
            // Kill while the runtime is unpacking into its folder: the jsii kernel's own folder has appeared in it.
            var unpacking = SpinWait.SpinUntil(() => KernelFolderExists(temp) || synth.HasExited, TimeSpan.FromSeconds(60));
            Assert.True(unpacking && !synth.HasExited, "the synth did not reach the jsii runtime's start");
            synth.Kill(entireProcessTree: false);
            synth.WaitForExit();
        }
        finally
        {
            KillOrphanedNode(temp);
        }

        var leftFolder = Assert.Single(Directory.EnumerateDirectories(temp, JsiiTempDirectory.Prefix + "*"));
        Assert.StartsWith($"{JsiiTempDirectory.Prefix}{synth.Id}-", Path.GetFileName(leftFolder), StringComparison.Ordinal);
        var staging = Directory.EnumerateDirectories(_root, AtomicDirectory.StagingPrefix + "*").ToList();

        Assert.Equal([leftFolder], JsiiTempDirectory.SweepStale(temp));
        Assert.Equal(staging, AtomicDirectory.RecoverFromKilledWriters(_root, "cdk.out", output));
        Assert.Empty(Directory.EnumerateDirectories(temp));
        Assert.Empty(Directory.EnumerateDirectories(_root, ".edgeiam-*"));
        Assert.Equal("{\"previous\": true}", File.ReadAllText(Path.Combine(output, "manifest.json")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static bool KernelFolderExists(string temp)
    {
        try
        {
            return Directory.EnumerateDirectories(temp, JsiiTempDirectory.Prefix + "*").Any(folder => Directory.EnumerateDirectories(folder, "jsii-kernel-*").Any());
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The runtime's node child outlives its killed parent for a moment; stop it so the test leaves nothing running.</summary>
    private static void KillOrphanedNode(string temp)
    {
        foreach (var process in Process.GetProcessesByName("node"))
        {
            using (process)
            {
                try
                {
                    var commandLine = File.ReadAllText($"/proc/{process.Id}/cmdline");
                    if (commandLine.Contains(temp, StringComparison.Ordinal))
                    {
                        process.Kill();
                        process.WaitForExit();
                    }
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }
        }
    }
}
