using BenchmarkDotNet.Attributes;
using EdgeIam.Policy;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Bench;

/// <summary><c>check</c> over both stacks in-process: from disk (read, resolve, parse, rules) and rules only.</summary>
[MemoryDiagnoser]
public class CheckBenchmarks
{
    private CloudAssembly _assembly = null!;

    [GlobalSetup]
    public void Setup() => _assembly = AssemblyReader.Load(BenchInputs.AssemblyDirectory);

    [Benchmark]
    public int CheckBothStacksFromDisk() => PolicyCheck.RunAssembly(BenchInputs.AssemblyDirectory, []).Findings.Count;

    [Benchmark]
    public int RulesOnLoadedStacks() => PolicyCheck.Run(_assembly).Findings.Count;
}
