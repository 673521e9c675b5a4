using EdgeIam.Config.Diagnostics;
using EdgeIam.Config.Placement;

namespace EdgeIam.Config.Tests.Placement;

/// <summary>The lock file is read strictly: anything but what synth writes is an error, never a different placement.</summary>
public sealed class PlacementLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edgeiam-lock-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>? Read, IReadOnlyList<ConfigDiagnostic> Errors) ReadText(string text)
    {
        var path = Path.Combine(_folder, "dev.lock.json");
        File.WriteAllText(path, text);
        var diagnostics = new ConfigDiagnostics();
        return (PlacementLock.Read(path, diagnostics), diagnostics.Items);
    }

    private const string Valid = """
        {"about": "x", "version": 1, "stacks": {"EdgeIam-dev": {"top": ["crossAccount/A", "oidc.roles/B"], "Shard2": ["rolesAnywhere.roles/C", "edgeFleets/D"]}}}
        """;

    [Fact]
    public void What_synth_writes_is_read_back_exactly()
    {
        var (read, errors) = ReadText(Valid);

        Assert.Empty(errors);
        var stack = Assert.Single(read!);
        Assert.Equal("EdgeIam-dev", stack.Key);
        Assert.Equal(new Dictionary<string, int> { ["crossAccount/A"] = 0, ["oidc.roles/B"] = 0, ["rolesAnywhere.roles/C"] = 2, ["edgeFleets/D"] = 2 }, stack.Value);
    }

    [Fact]
    public void No_lock_file_is_no_placement_and_no_error()
    {
        var diagnostics = new ConfigDiagnostics();
        Assert.Null(PlacementLock.Read(Path.Combine(_folder, "absent.lock.json"), diagnostics));
        Assert.Empty(diagnostics.Items);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("<<<<<<< HEAD\n{}", "not valid JSON")]
    [InlineData("[]", "is an array, not the object synth writes")]
    [InlineData("null", "is null, not the object synth writes")]
    [InlineData("""{"version": 1, "stacks": {}, "extra": 1}""", "is not a key of a lock file")]
    [InlineData("""{"version": 2, "stacks": {}}""", "must be 1")]
    [InlineData("""{"version": "1", "stacks": {}}""", "must be 1")]
    [InlineData("""{"stacks": {}}""", "must be 1")]
    [InlineData("""{"version": 1}""", "must be an object of CloudFormation stack names")]
    [InlineData("""{"version": 1, "stacks": []}""", "must be an object of CloudFormation stack names")]
    [InlineData("""{"version": 1, "stacks": {"EdgeIam-dev": []}}""", "is an array, not an object of templates")]
    [InlineData("""{"version": 1, "stacks": {"EdgeIam-dev": {"Shard0": []}}}""", "'Shard0' is not a template name")]
    [InlineData("""{"version": 1, "stacks": {"EdgeIam-dev": {"Shard01": []}}}""", "'Shard01' is not a template name")]
    [InlineData("""{"version": 1, "stacks": {"EdgeIam-dev": {"shard1": []}}}""", "'shard1' is not a template name")]
    [InlineData("""{"version": 1, "stacks": {"EdgeIam-dev": {"Shard99999": []}}}""", "'Shard99999' is not a template name")]
    [InlineData("""{"version": 1, "stacks": {"EdgeIam-dev": {"Shard-1": []}}}""", "'Shard-1' is not a template name")]
    [InlineData("""{"version": 1, "stacks": {"EdgeIam-dev": {"top": "crossAccount/A"}}}""", "is a string, not a list of items")]
    [InlineData("""{"version": 1, "stacks": {"EdgeIam-dev": {"top": [1]}}}""", "a number is not an item")]
    [InlineData("""{"version": 1, "stacks": {"EdgeIam-dev": {"top": [null]}}}""", "null is not an item")]
    [InlineData("""{"version": 1, "stacks": {"EdgeIam-dev": {"top": ["users/A"]}}}""", "'users/A' is not an item")]
    [InlineData("""{"version": 1, "stacks": {"EdgeIam-dev": {"top": ["crossAccount/"]}}}""", "'crossAccount/' is not an item")]
    [InlineData("""{"version": 1, "stacks": {"EdgeIam-dev": {"top": ["crossAccount"]}}}""", "'crossAccount' is not an item")]
    [InlineData("""{"version": 1, "stacks": {"EdgeIam-dev": {"top": ["crossAccount/A"], "Shard1": ["crossAccount/A"]}}}""", "'crossAccount/A' is placed twice (top and Shard1)")]
    [InlineData("""{"version": 1, "stacks": {"EdgeIam-dev": {"top": ["crossAccount/A", "crossAccount/A"]}}}""", "'crossAccount/A' is placed twice")]
    [InlineData("""{"version": 1, "version": 1, "stacks": {}}""", "version")]
    [InlineData("""{"version": 1, "stacks": {"EdgeIam-dev": {"top": []}, "EdgeIam-dev": {"Shard1": []}}}""", "EdgeIam-dev")]
    public void Anything_but_what_synth_writes_is_an_error_and_no_placement(string text, string expected)
    {
        var (read, errors) = ReadText(text);

        Assert.Null(read);
        var error = Assert.Single(errors);
        Assert.True(error.IsError);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("git checkout", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_where_the_lock_file_should_be_is_an_error_not_no_lock()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "dev.lock.json"));
        var diagnostics = new ConfigDiagnostics();

        Assert.Null(PlacementLock.Read(Path.Combine(_folder, "dev.lock.json"), diagnostics));
        Assert.True(Assert.Single(diagnostics.Items).IsError);
    }

    [Fact]
    public void Every_problem_of_the_file_is_reported_at_once()
    {
        var (_, errors) = ReadText("""{"version": 3, "extra": 1, "stacks": {"EdgeIam-dev": {"Shard0": [], "top": [7]}}}""");

        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void The_lock_file_sits_beside_its_stack_file()
    {
        Assert.Equal(Path.Combine("stacks", "dev.lock.json"), PlacementLock.PathFor(Path.Combine("stacks", "dev.yaml")));
        Assert.Equal("dev.lock.json", PlacementLock.PathFor("dev.yaml"));
    }
}
