namespace EdgeIam.App;

/// <summary>What every command writes to and reads the time from; tests pass their own writers and clock.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Time)
{
    public static CliContext Console { get; } = new(System.Console.Out, System.Console.Error, TimeProvider.System)
    {
        // https://no-color.org: any non-empty NO_COLOR turns colour off; so does a stderr that is a file or pipe.
        Color = !System.Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && Environment.GetEnvironmentVariable("TERM") is not "dumb",
    };

    /// <summary><c>--quiet</c>: no progress and no summaries; reports and errors still go out.</summary>
    public bool Quiet { get; init; }

    /// <summary>Colour the severity of diagnostics on stderr (a terminal, and no NO_COLOR).</summary>
    public bool Color { get; init; }

    /// <summary>One progress line on stderr (a stack at a time), unless quiet.</summary>
    public void Progress(string message)
    {
        if (!Quiet)
        {
            Error.WriteLine("edgeiam: " + message);
        }
    }

    /// <summary><paramref name="text"/> in the ANSI colour of <paramref name="severity"/> ("error" red, "warning" yellow) when colour is on.</summary>
    public string Paint(string text, string severity) =>
        !Color ? text : severity switch
        {
            "error" => "\u001b[31m" + text + "\u001b[0m",
            "warning" => "\u001b[33m" + text + "\u001b[0m",
            _ => text,
        };
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
