namespace EdgeIam.Bench;

/// <summary>Where the benchmark stacks come from: EDGEIAM_BENCH_ASSEMBLY, else the fixture copy next to the binary.</summary>
internal static class BenchInputs
{
    public static string AssemblyDirectory =>
        Environment.GetEnvironmentVariable("EDGEIAM_BENCH_ASSEMBLY") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "Assembly");
}
