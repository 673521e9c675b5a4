namespace EdgeIam.Config.Diagnostics;

/// <summary>Collects every diagnostic of a load so the user sees all problems at once.</summary>
public sealed class ConfigDiagnostics
{
    private readonly List<ConfigDiagnostic> _items = [];

    public IReadOnlyList<ConfigDiagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.IsError);

    public void Add(ConfigDiagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<ConfigDiagnostic> diagnostics) => _items.AddRange(diagnostics);
}
