using EdgeIam.Config.Tests.Support;
using EdgeIam.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace EdgeIam.Config.Tests.Schema;

/// <summary>
/// Runs the real loader over one corpus file, from disk: the file is written as <c>dev.yaml</c> into a folder of its
/// own beside copies of stacks/pki and stacks/boundaries, so certificate and boundary-document paths resolve as they do for the shipped stacks; the folder is
/// deleted afterwards.
/// </summary>
internal static class LoaderVerdict
{
    /// <summary>The loader's errors for <paramref name="yaml"/>; empty when it loads. An exception is returned as an error line.</summary>
    public static IReadOnlyList<string> Errors(string caseName, string yaml)
    {
        var folder = Directory.CreateTempSubdirectory("edgeiam-schema-" + caseName + "-").FullName;
        CopyDirectory(Path.Combine(RepositoryPaths.Stacks, "pki"), Path.Combine(folder, "pki"));
        CopyDirectory(Path.Combine(RepositoryPaths.Stacks, "boundaries"), Path.Combine(folder, "boundaries"));
        CopyDirectory(Path.Combine(RepositoryPaths.Stacks, "saml"), Path.Combine(folder, "saml"));
        var file = Path.Combine(folder, "dev.yaml");
        File.WriteAllText(file, yaml);
        try
        {
            var result = new StackConfigLoader(new FakeTimeProvider(StackFiles.Now)).LoadFile(file);
            return [.. result.Diagnostics.Where(d => d.IsError).Select(d => d.ToString())];
        }
#pragma warning disable CA1031 // a crash is a verdict the test reports, not a reason to stop the corpus
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ["loader threw " + ex.GetType().Name + ": " + ex.Message];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
