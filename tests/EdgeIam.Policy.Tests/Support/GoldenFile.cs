namespace EdgeIam.Policy.Tests.Support;

/// <summary>
/// Compares report output with Golden/&lt;name&gt;. Set EDGEIAM_UPDATE_GOLDEN=1 to rewrite the files after an intended
/// change, then review the diff.
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string name, string actual)
    {
        actual = actual.Replace(Fixtures.AssemblyDirectory, "<assembly>", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("EDGEIAM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(FixturePaths.Source("Golden", name), actual);
            return;
        }

        var path = FixturePaths.Output("Golden", name);
        Assert.True(File.Exists(path), $"golden file {name} is missing; run the tests with EDGEIAM_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    public static string Render(Action<TextWriter> write)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        write(writer);
        return writer.ToString();
    }
}
