using Xunit.Abstractions;

namespace EdgeIam.Policy.Tests.Properties;

/// <summary>Counts the classes of outcome a property saw; requires the interesting ones to occur.</summary>
internal sealed class OutcomeClasses
{
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string outcome) => _counts[outcome] = _counts.GetValueOrDefault(outcome) + 1;

    public void Report(ITestOutputHelper output, params string[] required)
    {
        output.WriteLine($"{_counts.Values.Sum()} generated cases:");
        foreach (var (outcome, count) in _counts)
        {
            output.WriteLine($"  {count,6}  {outcome}");
        }

        foreach (var outcome in required)
        {
            Assert.True(_counts.ContainsKey(outcome), $"the generator never produced \"{outcome}\"; saw: {string.Join(", ", _counts.Keys)}");
        }
    }
}
