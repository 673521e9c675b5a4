namespace EdgeIam.Pki;

public enum FindingSeverity
{
    Warning,
    Error,
}

/// <summary>One problem found in a certificate or CRL: what is wrong and how to fix it. Callers add the file and subject.</summary>
public sealed record PkiFinding(FindingSeverity Severity, string Message, string Fix)
{
    public bool IsError => Severity == FindingSeverity.Error;

    public static PkiFinding Error(string message, string fix) => new(FindingSeverity.Error, message, fix);

    public static PkiFinding Warning(string message, string fix) => new(FindingSeverity.Warning, message, fix);
}
