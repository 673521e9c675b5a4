using Amazon.CDK;

namespace EdgeIam.Infrastructure;

/// <summary>
/// Starts the CDK's jsii runtime in the background so the caller can load and validate configuration meanwhile.
/// </summary>
/// <remarks>
/// Most of a cold synth is the runtime starting: node loads the aws-cdk-lib package (about a second of node CPU,
/// during which .NET only waits), then on the first call that returns a CDK object the .NET side indexes every type
/// of Amazon.CDK.Lib by reflection (tens of thousands of types, again about a second, during which node only waits).
/// Run in line, the two halves and the config load take turns on one core. Here the runtime starts on a background
/// thread while the caller loads the config; <see cref="Wait"/> then loads Amazon.CDK.Lib's types on the caller's
/// thread, while node is still busy, so the index later finds them loaded. (Loading them on a third thread from the
/// start measured slower on two cores: it competes with the runtime's own start.) No jsii call is made from two
/// threads at once: the caller makes none until <see cref="Wait"/> returns. A caller that will not synthesize (bad
/// input) calls <see cref="Abandon"/>, so the process never exits with node half-started (node then prints its own
/// errors, and files can be left behind).
/// </remarks>
public sealed class CdkRuntimeWarmup
{
    private readonly Task _runtime;

    private CdkRuntimeWarmup(Task runtime)
    {
        _runtime = runtime;
    }

    /// <summary>
    /// Starts the runtime on a background thread. Failures surface from <see cref="Wait"/>. Without node on PATH it
    /// does not start at all: the jsii runtime would fail with a bare "No such file or directory" and then crash the
    /// process at exit, disposing a node process that never started.
    /// </summary>
    public static CdkRuntimeWarmup Start()
    {
        if (!NodeIsOnPath())
        {
            return new CdkRuntimeWarmup(Task.FromException(new InvalidOperationException(
                "Node.js was not found on PATH; the CDK's jsii runtime runs in node. Install Node.js 18 or later and put `node` on PATH.")));
        }

        // Duration is the cheapest call that returns a CDK object, and so makes the runtime build its type index.
        return new CdkRuntimeWarmup(Task.Run(() => Duration.Seconds(1)));
    }

    /// <summary>Blocks until the runtime is ready; rethrows what starting it threw. Call before the first construct.</summary>
    public void Wait()
    {
        if (!_runtime.IsCompleted)
        {
            _ = typeof(App).Assembly.GetTypes();
        }

        _runtime.GetAwaiter().GetResult();
    }

    /// <summary>Lets the start finish and ignores how it went: for a caller that will not synthesize after all.</summary>
    public void Abandon()
    {
        try
        {
            _runtime.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The caller is already failing with its own, more useful, error.
        }
    }

    /// <summary>The jsii runtime starts the program named <c>node</c>, found on PATH.</summary>
    private static bool NodeIsOnPath()
    {
        var name = OperatingSystem.IsWindows() ? "node.exe" : "node";
        return (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));
    }
}
