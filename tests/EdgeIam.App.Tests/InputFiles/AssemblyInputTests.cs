namespace EdgeIam.App.Tests.InputFiles;

/// <summary>
/// A damaged cloud assembly is bad input for every command that reads one: exit 2, the file's path and what is wrong
/// on stderr, and never a stack trace.
/// </summary>
public sealed class AssemblyInputTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(RepositoryPaths.Root, "tests", "EdgeIam.Policy.Tests", "Fixtures", "Assembly");

    private readonly string _root = TestTemp.Folder("edgeiam-assembly-");

    public static TheoryData<string, string, string> ManifestShapes()
    {
        var data = new TheoryData<string, string, string>();
        var shapes = new (string Json, string Problem)[]
        {
            ("[]", "is an array, not a JSON object"),
            ("null", "is null, not a JSON object"),
            ("1", "is a number, not a JSON object"),
            ("\"manifest\"", "is a string, not a JSON object"),
            ("", "is empty, not a JSON object"),
            ("{}", "has no \"artifacts\""),
            ("{\"artifacts\": 5}", "$.artifacts: is a number, not an object"),
            ("{\"artifacts\": []}", "$.artifacts: is an array, not an object"),
            ("{\"artifacts\": {\"EdgeIam-dev\": null}}", "$.artifacts.EdgeIam-dev: is null, not an object"),
            ("{\"artifacts\": {\"EdgeIam-dev\": {\"environment\": 7}}}", "$.artifacts.EdgeIam-dev.environment: is a number"),
            ("{\"artifacts\": {\"EdgeIam-dev\": {\"environment\": \"aws://nope/us-east-1\"}}}", "$.artifacts.EdgeIam-dev.environment: is \"aws://nope/us-east-1\""),
            ("{\"artifacts\": {\"EdgeIam-dev\": {}, \"EdgeIam-dev\": {}}}", "duplicate key \"EdgeIam-dev\""),
            ("{\"artifacts\": {", "not valid JSON"),
            (new string('[', 100_000), "is an array, not a JSON object"),
            ("{\"artifacts\": " + new string('[', 100_000), "not valid JSON"),
        };
        foreach (var command in new[] { "check", "access", "diff", "can-assume" })
        {
            foreach (var (json, problem) in shapes)
            {
                data.Add(command, json, problem);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ManifestShapes))]
    public void AMalformedManifestIsBadInputNamingTheFile(string command, string manifest, string problem)
    {
        var assembly = CopyFixture();
        var path = Path.Combine(assembly, "manifest.json");
        File.WriteAllText(path, manifest);

        var result = RunOn(command, assembly);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith($"edgeiam: {path}: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(problem, result.Error, StringComparison.Ordinal);
        AssertNoTrace(result.Error);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("can-assume")]
    public void AManifestThatIsNotUtf8OrTooLargeIsBadInput(string command)
    {
        var assembly = CopyFixture();
        var path = Path.Combine(assembly, "manifest.json");
        File.WriteAllBytes(path, [(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        var invalid = RunOn(command, assembly);
        Assert.Equal(ExitCodes.BadInput, invalid.ExitCode);
        Assert.StartsWith($"edgeiam: {path}: ", invalid.Error, StringComparison.Ordinal);

        using (var huge = File.Create(path))
        {
            huge.SetLength((16 * 1024 * 1024) + 1);
        }

        var tooLarge = RunOn(command, assembly);
        Assert.Equal(ExitCodes.BadInput, tooLarge.ExitCode);
        Assert.Contains($"{path}: is 16777217 bytes; a cloud assembly manifest may be at most 16 MiB", tooLarge.Error, StringComparison.Ordinal);
        AssertNoTrace(tooLarge.Error);
    }

    [Theory]
    [InlineData("check", "[]", "is an array, not a JSON object")]
    [InlineData("access", "null", "is null, not a JSON object")]
    [InlineData("diff", "\"template\"", "is a string, not a JSON object")]
    [InlineData("can-assume", "42", "is a number, not a JSON object")]
    [InlineData("check", "{\"Resources\": {", "not valid JSON")]
    public void ATemplateThatIsNotAnObjectIsBadInput(string command, string template, string problem)
    {
        var assembly = CopyFixture();
        var path = Path.Combine(assembly, "EdgeIam-dev.template.json");
        File.WriteAllText(path, template);

        var result = RunOn(command, assembly);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"{path}: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(problem, result.Error, StringComparison.Ordinal);
        AssertNoTrace(result.Error);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("diff")]
    public void ATemplateThatIsEmptyOrNotUtf8IsBadInput(string command)
    {
        var assembly = CopyFixture();
        var path = Path.Combine(assembly, "EdgeIam-dev.template.json");
        File.WriteAllText(path, "  \n");
        var empty = RunOn(command, assembly);
        Assert.Equal(ExitCodes.BadInput, empty.ExitCode);
        Assert.Contains($"{path}: is empty, not a JSON object", empty.Error, StringComparison.Ordinal);

        // Invalid UTF-8 inside a key: one JSON reader throws a transcoding error that is not a JSON error.
        File.WriteAllBytes(path, [(byte)'{', (byte)'"', (byte)'R', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'{', (byte)'}', (byte)'}']);
        var invalid = RunOn(command, assembly);
        Assert.Equal(ExitCodes.BadInput, invalid.ExitCode);
        Assert.Contains($"{path}: is not valid UTF-8 (at byte 3)", invalid.Error, StringComparison.Ordinal);
        AssertNoTrace(invalid.Error);
    }

    [Theory]
    [InlineData("manifest.json")]
    [InlineData("EdgeIam-dev.template.json")]
    public void AFifoOrDirectoryInTheAssemblyIsRefusedByName(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var assembly = CopyFixture();
        var path = Path.Combine(assembly, file);
        File.Delete(path);
        using (var special = new SpecialFiles())
        {
            File.Move(special.Fifo(), path);
        }

        var fifo = WithinTime.Run(() => RunOn("check", assembly), TimeSpan.FromSeconds(30), "check on a FIFO");
        Assert.Equal(ExitCodes.BadInput, fifo.ExitCode);
        Assert.Contains($"{path}: is a FIFO (named pipe)", fifo.Error, StringComparison.Ordinal);

        File.Delete(path);
        Directory.CreateDirectory(path);
        var folder = RunOn("check", assembly);
        Assert.Equal(ExitCodes.BadInput, folder.ExitCode);
        Assert.Contains($"{path}: is a directory", folder.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static CliResult RunOn(string command, string assembly) => command switch
    {
        "diff" => CliRunner.Run("diff", "--base", Fixture, "--head", assembly),
        "can-assume" => CliRunner.Run("can-assume", "--assembly", assembly, "--stack", "dev", "--role", "GitHubDeploy", "--principal", "service:lambda.amazonaws.com"),
        _ => CliRunner.Run(command, "--assembly", assembly),
    };

    private static void AssertNoTrace(string error)
    {
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
    }

    private string CopyFixture()
    {
        var target = Directory.CreateDirectory(Path.Combine(_root, Guid.NewGuid().ToString("N"))).FullName;
        foreach (var file in Directory.GetFiles(Fixture))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }
}
