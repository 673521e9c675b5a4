namespace EdgeIam.App;

/// <summary>What every command writes to and reads the time from; tests pass their own writers and clock.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Time)
{
    public static CliContext Console { get; } = new(System.Console.Out, System.Console.Error, TimeProvider.System);
}

/// <summary>Exit codes of the CLI (contract).</summary>
public static class ExitCodes
{
    /// <summary>Success; for <c>can-assume</c>, allowed.</summary>
    public const int Ok = 0;

    /// <summary>Findings: policy errors, denied, untrusted or widened.</summary>
    public const int Findings = 1;

    /// <summary>Bad input or usage.</summary>
    public const int BadInput = 2;

    /// <summary>Internal failure: anything unexpected (a bug, or the CDK runtime failing). Never "findings".</summary>
    public const int InternalFailure = 3;
}
