namespace EdgeIam.Policy.Model;

/// <summary>Thrown when a policy document is not valid; carries every error found, each with its JSON path.</summary>
internal sealed class PolicyParseException : Exception
{
    public PolicyParseException(IReadOnlyList<PolicyError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public PolicyParseException()
        : this([])
    {
    }

    public PolicyParseException(string message)
        : base(message)
    {
        Errors = [new PolicyError("$", message)];
    }

    public PolicyParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new PolicyError("$", message)];
    }

    public IReadOnlyList<PolicyError> Errors { get; } = [];
}
