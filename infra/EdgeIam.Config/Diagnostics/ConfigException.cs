namespace EdgeIam.Config.Diagnostics;

/// <summary>Thrown when stack configuration cannot be used; carries every diagnostic found.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(IReadOnlyList<ConfigDiagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics))
    {
        Diagnostics = diagnostics;
    }

    public ConfigException()
        : this([])
    {
    }

    public ConfigException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }
}
