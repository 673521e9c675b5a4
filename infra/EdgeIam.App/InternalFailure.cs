namespace EdgeIam.App;

/// <summary>
/// Turns an exception nobody expected into exit code 3 and one line on stderr. The stack trace is for whoever debugs
/// EdgeIam, not for a PR check's log, so it is printed only with <c>--verbose</c> or <c>EDGEIAM_DEBUG=1</c>.
/// </summary>
public static class InternalFailure
{
    public const string VerboseOption = "--verbose";

    public const string DebugVariable = "EDGEIAM_DEBUG";

    /// <summary>Whether stack traces were asked for: <c>--verbose</c> among <paramref name="args"/> or <c>EDGEIAM_DEBUG=1</c>.</summary>
    public static bool TracesRequested(IReadOnlyCollection<string> args) =>
        args.Contains(VerboseOption, StringComparer.Ordinal) || Environment.GetEnvironmentVariable(DebugVariable) is "1" or "true";

    /// <summary>
    /// True for the input guard's refusal (a FIFO, a directory, a file over its cap...) that no caller turned into a
    /// diagnostic. Each assembly compiles its own copy of the guard (infra/Shared), so the copies share a name, not a
    /// type.
    /// </summary>
    public static bool IsRefusedInputFile(Exception exception) =>
        exception is IOException && exception.GetType().FullName == typeof(Shared.InputFileException).FullName;

    /// <summary>
    /// Reports <paramref name="exception"/>: a refused input file is bad input (exit 2, its message), anything else
    /// an internal failure (exit 3).
    /// </summary>
    public static int ReportUnexpected(Exception exception, TextWriter error, bool withTrace)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        if (IsRefusedInputFile(exception))
        {
            error.WriteLine($"edgeiam: {exception.Message}");
            return ExitCodes.BadInput;
        }

        return Report(exception, error, withTrace);
    }

    /// <summary>Writes the one line (and, when asked, the stack trace) for <paramref name="exception"/>; returns 3.</summary>
    public static int Report(Exception exception, TextWriter error, bool withTrace)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        var inner = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        var message = OneLine(inner.Message);
        try
        {
            if (withTrace)
            {
                error.WriteLine($"edgeiam: internal error: {inner.GetType().FullName}: {message}");
                error.WriteLine(exception.ToString());
            }
            else
            {
                error.WriteLine($"edgeiam: internal error: {inner.GetType().FullName}: {message} (run with {VerboseOption} or {DebugVariable}=1 for the stack trace)");
            }

            error.Flush();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // stderr itself is gone: the exit code still says what happened.
        }

        return ExitCodes.InternalFailure;
    }

    private static string OneLine(string text) => string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
