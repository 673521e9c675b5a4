namespace EdgeIam.Infrastructure;

/// <summary>
/// Input a construct refuses although the loader accepted it (a rule that needs the synthesized template, such as a
/// trust policy's size, the one check that needs the rendered template). <c>synth</c> reports it like a config error:
/// file:line:col, key path, fix, exit code 2; several are reported together.
/// </summary>
public sealed class StackInputException : Exception
{
    public StackInputException(string file, string keyPath, string problem, string fix)
        : base($"{file}: error: {keyPath}: {problem} Fix: {fix}")
    {
        File = file;
        KeyPath = keyPath;
        Problem = problem;
        Fix = fix;
    }

    /// <summary>Several refusals at once: the message holds one line per refusal, <see cref="Refusals"/> each of them.</summary>
    public StackInputException(IReadOnlyList<StackInputException> refusals)
        : base(string.Join(Environment.NewLine, refusals.Select(r => r.Message)))
    {
        File = refusals.Count > 0 ? refusals[0].File : "";
        KeyPath = refusals.Count > 0 ? refusals[0].KeyPath : "";
        Problem = refusals.Count > 0 ? refusals[0].Problem : "";
        Fix = refusals.Count > 0 ? refusals[0].Fix : "";
        Refusals = refusals;
    }

    public StackInputException()
        : this("", "", "", "")
    {
    }

    public StackInputException(string message)
        : base(message)
    {
        File = KeyPath = Problem = Fix = "";
    }

    public StackInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = KeyPath = Problem = Fix = "";
    }

    public string File { get; }

    public string KeyPath { get; }

    public string Problem { get; }

    public string Fix { get; }

    /// <summary>Every refusal this exception reports (itself alone unless built from several).</summary>
    public IReadOnlyList<StackInputException> Refusals
    {
        get => field ?? [this];
        private init;
    }
}
