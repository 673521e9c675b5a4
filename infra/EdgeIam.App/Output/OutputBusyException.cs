namespace EdgeIam.App.Output;

/// <summary>Another process is writing the same output folder (it holds the folder's writer lock).</summary>
public sealed class OutputBusyException : IOException
{
    public OutputBusyException(string target)
        : base($"another edgeiam synth is writing {target}; wait for it to finish and run again")
    {
        Target = target;
    }

    public OutputBusyException()
    {
    }

    public OutputBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string Target { get; } = string.Empty;
}
