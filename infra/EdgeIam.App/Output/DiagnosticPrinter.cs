using EdgeIam.Config;

namespace EdgeIam.App.Output;

public static class DiagnosticPrinter
{
    /// <summary>Writes every diagnostic (errors first per file order) and a count; returns false when any is an error.</summary>
    public static bool Report(StackLoadResult result, TextWriter error, CliContext? context = null)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            var text = diagnostic.ToString();
            var severity = diagnostic.IsError ? "error" : "warning";
            var label = $": {severity}: ";
            var at = text.IndexOf(label, StringComparison.Ordinal);
            error.WriteLine(context is null || at < 0 ? text : text[..(at + 2)] + context.Paint(severity, severity) + text[(at + 2 + severity.Length)..]);
        }

        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        if (errors.Count == 0)
        {
            return true;
        }

        var files = errors.Select(d => d.File).Distinct(StringComparer.Ordinal).Count();
        error.WriteLine($"edgeiam: {errors.Count} error(s) in {files} file(s).");
        return false;
    }
}
