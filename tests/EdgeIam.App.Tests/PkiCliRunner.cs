using Microsoft.Extensions.Time.Testing;

namespace EdgeIam.App.Tests;

/// <summary>Runs <c>edgeiam</c> in-process at a fixed clock for the pki and device-config tests.</summary>
internal static class PkiCliRunner
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static (int ExitCode, string Out, string Error) Run(params string[] args) => RunAt(Now, args);

    public static (int ExitCode, string Out, string Error) RunAt(DateTimeOffset now, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = EdgeIamCli.Run(args, new CliContext(output, error, new FakeTimeProvider(now)));
        return (code, output.ToString(), error.ToString());
    }

    public static string TempDirectory() => TestTemp.Folder("edgeiam-pki-cli-");
}
