using EdgeIam.Config;

namespace EdgeIam.App.Output;

public static class DiagnosticPrinter
{
    /// <summary>Writes every diagnostic (errors first per file order) and a count; returns false when any is an error.</summary>
    public static bool Report(StackLoadResult result, TextWriter error)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
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
