namespace EdgeIam.Pki;

/// <summary>Input the dev PKI cannot use (a missing CA file, a key that does not match, a bad name); the CLI exits 2.</summary>
public sealed class PkiInputException : Exception
{
    public PkiInputException()
    {
    }

    public PkiInputException(string message)
        : base(message)
    {
    }

    public PkiInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
