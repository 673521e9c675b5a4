namespace EdgeIam.Infrastructure;

/// <summary>
/// Input a construct refuses although the loader accepted it (a rule that needs the synthesized template, such as a
/// trust policy's size). <c>synth</c> reports it like a config error: file, key path, fix, exit code 2.
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
}
